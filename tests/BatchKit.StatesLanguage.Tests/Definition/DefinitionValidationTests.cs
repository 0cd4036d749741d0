using BatchKit.StatesLanguage.Definition;

namespace BatchKit.StatesLanguage.Tests.Definition;

public sealed class DefinitionValidationTests
{
    [Fact]
    public void Every_structural_error_is_reported_at_once_with_its_location()
    {
        const string Definition = """
        {
          "StartAt": "A",
          "States": {
            "A": { "Type": "Pass", "Next": "Nowhere" },
            "B": { "Type": "Pass", "End": true, "Next": "A" },
            "C": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "InputPath": "not a path", "End": true },
            "D": { "Type": "Fail", "Error": "States.MadeUp" },
            "E": { "Type": "Teleport", "End": true },
            "F": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                   "Retry": [ { "ErrorEquals": ["States.NotAThing"] } ] }
          }
        }
        """;

        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(Definition));

        var found = e.Errors.Select(x => (x.Code, x.Location)).ToList();
        Assert.Contains(("MISSING_TRANSITION_TARGET", "/States/A/Next"), found);
        Assert.Contains(("SCHEMA_VALIDATION_FAILED", "/States/B"), found);               // End and Next
        Assert.Contains(("SCHEMA_VALIDATION_FAILED", "/States/C/InputPath"), found);
        Assert.Contains(("SCHEMA_VALIDATION_FAILED", "/States/E/Type"), found);
        Assert.Contains(("SCHEMA_VALIDATION_FAILED", "/States/F/Retry/0/ErrorEquals"), found);
        Assert.Contains(e.Errors, x => x.Location == "/States/C" && x.Message.Contains("not reachable", StringComparison.Ordinal));
        Assert.StartsWith("Invalid State Machine Definition: '", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_distributed_maps_reader_batcher_and_writer_are_checked_with_the_definition()
    {
        const string Definition = """
        {
          "StartAt": "M",
          "States": {
            "M": {
              "Type": "Map", "End": true,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObjects",
                             "Parameters": {"Bucket.$": "not a path"},
                             "ReaderConfig": {"InputType": "XML", "CSVHeaderLocation": "GIVEN", "MaxItems": 5, "MaxItemsPath": "$.n"}},
              "ItemBatcher": {"BatchInput": {"a": 1}},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": "bucket"}
            }
          }
        }
        """;

        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(Definition));

        var found = e.Errors.Select(x => x.Location).ToList();
        Assert.Contains("/States/M/ItemReader/Resource", found);
        Assert.Contains("/States/M/ItemReader/Parameters/Bucket.$", found);
        Assert.Contains("/States/M/ItemReader/ReaderConfig/InputType", found);
        Assert.Contains(e.Errors, x => x.Location == "/States/M/ItemReader/ReaderConfig" && x.Message.Contains("CSVHeaders", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Location == "/States/M/ItemReader/ReaderConfig" && x.Message.Contains("exclusive", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Location == "/States/M/ItemBatcher" && x.Message.Contains("MaxItemsPerBatch", StringComparison.Ordinal));
        Assert.Contains("/States/M/ResultWriter/Parameters", found);
    }

    [Fact]
    public void An_item_reader_on_an_inline_map_is_refused()
    {
        const string Definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
          "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b"}}}}}
        """;

        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(Definition));

        Assert.Contains(e.Errors, x => x.Location == "/States/M" && x.Message.Contains("DISTRIBUTED", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $states.input.x %}", "End": true}}}""")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"v": "{% 1 + 1 %}"}, "End": true}}}""")]
    [InlineData("""{"QueryLanguage": "JSONata", "StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "D", """
        + """ "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "D", "Output": {"big": true}}]}, "D": {"Type": "Succeed"}}}""")]
    public void JSONata_definitions_are_read(string definition)
    {
        var parsed = StateMachineDefinition.Parse(definition);

        Assert.NotNull(parsed);
    }

    [Theory]
    [InlineData("""{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}""",
        "/States/A", "can not be 'JSONPath'")]
    [InlineData("""{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x": 1}, "End": true}}}""",
        "/States/A/Parameters", "not supported")]
    [InlineData("""{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $states.input.( %}", "End": true}}}""",
        "/States/A/Output", "is not valid")]
    [InlineData("""{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"states": 1}, "End": true}}}""",
        "/States/A/Assign/states", "reserved")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"1st.$": "$.x"}, "End": true}}}""",
        "/States/A/Assign/1st.$", "not a valid variable name")]
    [InlineData("""{"QueryLanguage": "Python", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""",
        "/QueryLanguage", "must be 'JSONPath' or 'JSONata'")]
    public void JSONata_definition_errors_name_the_field(string definition, string location, string message)
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(definition));

        Assert.Contains(e.Errors, x => x.Location == location && x.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json", "INVALID_JSON_DESCRIPTION")]
    [InlineData("[]", "SCHEMA_VALIDATION_FAILED")]
    [InlineData("""{"States": {"A": {"Type": "Pass", "End": true}}}""", "SCHEMA_VALIDATION_FAILED")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": "one", "Next": "A"}]}}}""", "SCHEMA_VALIDATION_FAILED")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "States.Nope(1)"}, "End": true}}}""", "SCHEMA_VALIDATION_FAILED")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::x", "TimeoutSeconds": 5, "HeartbeatSeconds": 10, "End": true}}}""", "SCHEMA_VALIDATION_FAILED")]
    public void Bad_definitions_name_the_problem(string definition, string code)
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(definition));

        Assert.Contains(e.Errors, x => x.Code == code);
    }
}

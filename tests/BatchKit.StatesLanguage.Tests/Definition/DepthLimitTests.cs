using System.Text;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Definition;

namespace BatchKit.StatesLanguage.Tests.Definition;

/// <summary>
/// Every recursive parser of a definition has a depth limit: a hostile definition is a definition error that names
/// the problem, never a stack overflow that takes the process (and every execution in it) down.
/// </summary>
public sealed class DepthLimitTests
{
    private static string PassWith(string expression) =>
        new JsonObject
        {
            ["StartAt"] = "A",
            ["States"] = new JsonObject { ["A"] = new JsonObject { ["Type"] = "Pass", ["Parameters"] = new JsonObject { ["x.$"] = expression }, ["End"] = true } },
        }.ToJsonString();

    private static string NestedCalls(int depth) =>
        new StringBuilder().Insert(0, "States.Array(", depth).Append('1').Append(')', depth).ToString();

    [Fact]
    public void An_840_KB_definition_of_nested_intrinsic_calls_is_a_definition_error()
    {
        var definition = PassWith(NestedCalls(60_000));
        Assert.InRange(definition.Length, 830_000, 850_000);

        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(definition));

        var error = Assert.Single(e.Errors);
        Assert.Equal(("SCHEMA_VALIDATION_FAILED", "/States/A/Parameters/x.$"), (error.Code, error.Location));
        Assert.Contains("nested more than 64 deep", error.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 2_000, $"the error echoes the whole expression: {e.Message.Length} characters");
    }

    [Fact]
    public void Calls_nested_up_to_the_limit_are_valid()
    {
        StateMachineDefinition.Parse(PassWith(NestedCalls(64)));

        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(PassWith(NestedCalls(65))));
        Assert.Contains("nested more than 64 deep", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JSONPath_filters_nested_without_end_are_a_definition_error()
    {
        var path = "$.a" + string.Concat(Enumerable.Repeat("[?(@.b", 20_000)) + string.Concat(Enumerable.Repeat(" == 1)]", 20_000));

        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(PassWith(path)));

        Assert.Contains("filters are nested more than 16 deep", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, null)]
    [InlineData(5_000, "INVALID_JSON_DESCRIPTION")]
    public void Choice_rules_nest_as_deep_as_the_JSON_reader_allows(int depth, string? code)
    {
        var rule = new JsonObject { ["Variable"] = "$.x", ["IsPresent"] = true };
        var text = rule.ToJsonString();
        for (var i = 0; i < depth; i++)
        {
            text = "{\"Not\":" + text + "}";
        }

        var choice = text[..^1] + ",\"Next\":\"E\"}";
        var definition = "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Choices\":[" + choice + "],\"Default\":\"E\"},\"E\":{\"Type\":\"Succeed\"}}}";
        if (code is null)
        {
            StateMachineDefinition.Parse(definition);
            return;
        }

        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(definition));
        Assert.Contains(e.Errors, x => x.Code == code);
    }
}

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using BatchKit.Contracts;
using BatchKit.Contracts.Functions;
using BatchKit.Contracts.Worker;
using BatchKit.Contracts.Workflow;

namespace BatchKit.Workflow.Tests;

/// <summary>
/// sales-batch.asl.json reads and writes the contracts of BatchKit.Contracts by name, as JSONPath strings the compiler
/// cannot check: these tests make a renamed field on either side fail here, not in a run on AWS.
/// </summary>
public sealed partial class WorkflowContractTests
{
    private static readonly JsonObject Definition = JsonNode.Parse(WorkflowDefinition.Substitute(WorkflowDefinitionTests.Local))!.AsObject();

    [Fact]
    public void Every_input_path_names_a_field_of_the_workflow_input_and_every_field_is_read()
    {
        var read = Paths().SelectMany(p => InputField().Matches(p)).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(JsonNames<UploadedDay>(), read.Order(StringComparer.Ordinal));
        Assert.Equal(["input"], JsonNames<WorkflowInput>());
    }

    [Fact]
    public void The_summary_payload_is_exactly_the_summary_request_and_its_answer_is_read_by_day_report_names()
    {
        var summarize = Definition["States"]!["Summarize"]!;
        var payload = summarize["Parameters"]!["Payload"]!.AsObject().Select(p => p.Key.TrimEnd('$').TrimEnd('.')).Order(StringComparer.Ordinal);
        var reportFields = Paths().SelectMany(p => ReportField().Matches(p)).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Equal(JsonNames<SummaryRequest>(), payload);
        Assert.NotEmpty(reportFields);
        Assert.All(reportFields, f => Assert.Contains(f, JsonNames<DayReport>()));
        Assert.Equal("$.map.ResultWriterDetails", summarize["Parameters"]!["Payload"]!["result_writer.$"]!.GetValue<string>());
        Assert.Equal(JsonNames<ResultWriterDetails>(), ["Bucket", "Key"]);
    }

    [Fact]
    public void The_worker_task_sets_exactly_the_per_store_worker_environment()
    {
        var task = Definition["States"]!["Stores"]!["ItemProcessor"]!["States"]!["AggregateStore"]!;
        var names = task["Parameters"]!["Overrides"]!["ContainerOverrides"]![0]!["Environment"]!.AsArray().Select(e => e!["Name"]!.GetValue<string>());

        Assert.Equal(WorkerEnvironment.PerStore, names);
    }

    /// <summary>The JSON names of a contract type's members that are written (not <c>[JsonIgnore]</c>d), in ordinal order.</summary>
    private static List<string> JsonNames<T>() =>
        [.. ContractJson.Default.GetTypeInfo(typeof(T))!.Properties
            .Where(p => p.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), false) is not [JsonIgnoreAttribute { Condition: JsonIgnoreCondition.Always }])
            .Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>Every string value of a "*.$" field and every Choice/Fail path field in the definition.</summary>
    private static IEnumerable<string> Paths()
    {
        var pending = new Stack<JsonNode?>([Definition]);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, value) in o)
                    {
                        if ((name.EndsWith(".$", StringComparison.Ordinal) || name.EndsWith("Path", StringComparison.Ordinal)) && value is JsonValue v && v.TryGetValue<string>(out var text))
                        {
                            yield return text;
                        }

                        pending.Push(value);
                    }

                    break;
                case JsonArray a:
                    a.ToList().ForEach(pending.Push);
                    break;
            }
        }
    }

    [GeneratedRegex(@"\$\.input\.([A-Za-z_]+)")]
    private static partial Regex InputField();

    [GeneratedRegex(@"\$\.report\.summary\.([A-Za-z_]+)")]
    private static partial Regex ReportField();
}

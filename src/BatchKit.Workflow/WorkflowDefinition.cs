using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Workflow;

/// <summary>
/// The one sales-batch definition every target runs (AWS through CDK's DefinitionSubstitutions, the embedded emulator
/// and LocalStack through the deploy step), and the substitution of its <c>${Placeholder}</c>s.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachine.html#cfn-stepfunctions-statemachine-definitionsubstitutions
/// </summary>
public static partial class WorkflowDefinition
{
    /// <summary>Every placeholder the definition uses, and what each one holds.</summary>
    public static IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SlackWebhookUrl"] = "the Slack incoming-webhook URL (http:invoke ApiEndpoint)",
        ["SlackConnectionArn"] = "the EventBridge connection whose credentials http:invoke uses",
        ["ClusterArn"] = "the ECS cluster that runs the worker",
        ["TaskDefinitionArn"] = "the worker's task definition (ARN or family)",
        ["ContainerName"] = "the worker container's name in the task definition",
        ["Subnets"] = "comma-separated subnet ids for the Fargate tasks",
        ["SecurityGroups"] = "comma-separated security group ids for the Fargate tasks",
        ["AssignPublicIp"] = "ENABLED (public subnets, no NAT) or DISABLED (private subnets)",
        ["ResultsBucket"] = "where the Distributed Map's ResultWriter writes",
        ["SummaryFunctionArn"] = "the upload handler binary deployed with its 'summary' handler",
    };

    /// <summary>The definition as written, placeholders included.</summary>
    public static string Template { get; } = Load();

    /// <summary>
    /// Fills every placeholder; throws <see cref="ArgumentException"/> naming any placeholder without a value or any
    /// value without a placeholder (a typo on either side must not deploy).
    /// </summary>
    public static string Substitute(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var missing = Placeholders.Keys.Where(k => !values.ContainsKey(k)).ToList();
        var unknown = values.Keys.Where(k => !Placeholders.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var noValue = missing.Count > 0 ? "no value for " + string.Join(", ", missing) : "";
            var separator = missing.Count > 0 && unknown.Count > 0 ? "; " : "";
            var noPlaceholder = unknown.Count > 0 ? "no placeholder named " + string.Join(", ", unknown) : "";
            throw new ArgumentException($"sales-batch.asl.json substitution: {noValue}{separator}{noPlaceholder}", nameof(values));
        }

        return Placeholder().Replace(Template, m => System.Text.Json.JsonEncodedText.Encode(values[m.Groups[1].Value]).ToString());
    }

    /// <summary>The worker task's heartbeat as written (its <c>HeartbeatSeconds</c>).</summary>
    public static int WorkerHeartbeatSeconds { get; } = AggregateStore(JsonNode.Parse(Template)!)["HeartbeatSeconds"]!.GetValue<int>();

    /// <summary>
    /// The definition with the worker task's <c>HeartbeatSeconds</c> set to <paramref name="seconds"/>: a stack setting
    /// (the end-to-end crash test shortens it so a killed worker is retried in seconds), written into the definition
    /// the template carries. Refuses a value that is not below the task's <c>TimeoutSeconds</c>, as Step Functions
    /// does. https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
    /// </summary>
    public static string WithWorkerHeartbeatSeconds(int seconds)
    {
        var definition = JsonNode.Parse(Template)!;
        var task = AggregateStore(definition);
        var timeout = task["TimeoutSeconds"]!.GetValue<int>();
        if (seconds < 1 || seconds >= timeout)
        {
            throw new ArgumentOutOfRangeException(
                nameof(seconds), seconds, $"the worker task's HeartbeatSeconds must be 1 to {timeout - 1} (below its TimeoutSeconds)");
        }

        task["HeartbeatSeconds"] = seconds;
        // Relaxed escaping keeps the States.Format quotes and <day> as written instead of \u0027 and \u003C.
        return definition.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject AggregateStore(JsonNode definition) =>
        definition["States"]?["Stores"]?["ItemProcessor"]?["States"]?["AggregateStore"] as JsonObject
            ?? throw new InvalidOperationException("sales-batch.asl.json has no States.Stores.ItemProcessor.States.AggregateStore task");

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)\}")]
    internal static partial Regex Placeholder();

    private static string Load()
    {
        using var stream = typeof(WorkflowDefinition).Assembly.GetManifestResourceStream("sales-batch.asl.json")
            ?? throw new InvalidOperationException("sales-batch.asl.json is not embedded in BatchKit.Workflow");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchKit.CloudFormation.Template;

/// <summary>
/// A CloudFormation template (JSON, as <c>cdk synth</c> writes it), parsed into its sections. Only the shape is checked
/// here; what the values mean is the deployer's business.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
/// </summary>
internal sealed class StackTemplate
{
    private static readonly HashSet<string> Sections =
        ["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs"];

    private StackTemplate(
        IReadOnlyDictionary<string, TemplateParameter> parameters, IReadOnlyDictionary<string, JsonNode> conditions,
        IReadOnlyList<TemplateResource> resources, IReadOnlyList<TemplateOutput> outputs, IReadOnlyList<string> rules)
    {
        Parameters = parameters;
        Conditions = conditions;
        Resources = resources;
        Outputs = outputs;
        Rules = rules;
    }

    public IReadOnlyDictionary<string, TemplateParameter> Parameters { get; }

    public IReadOnlyDictionary<string, JsonNode> Conditions { get; }

    /// <summary>In template order (the order CloudFormation breaks ties in, and ours).</summary>
    public IReadOnlyList<TemplateResource> Resources { get; }

    public IReadOnlyList<TemplateOutput> Outputs { get; }

    /// <summary>The names of the Rules (CDK's CheckBootstrapVersion): recorded, not evaluated locally.</summary>
    public IReadOnlyList<string> Rules { get; }

    public TemplateResource? Resource(string logicalId) => Resources.FirstOrDefault(r => r.LogicalId == logicalId);

    public static StackTemplate Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new TemplateException("the template is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new TemplateException($"the template is not valid JSON: {e.Message}", e);
        }

        if (root.Select(p => p.Key).FirstOrDefault(k => !Sections.Contains(k)) is { } unknown)
        {
            throw new TemplateException($"the template has an unknown top-level section '{unknown}'");
        }

        if (root["Transform"] is not null)
        {
            throw new TemplateException("the template declares a Transform (macros such as AWS::Serverless): not supported by BatchKit's template deployer");
        }

        var resources = (root[nameof(Resources)] as JsonObject ?? throw new TemplateException("the template has no Resources section"))
            .Select(r => ParseResource(r.Key, r.Value)).ToList();
        var rules = (root[nameof(Rules)] as JsonObject ?? []).Select(r => r.Key).ToList();
        var parameters = ParseParameters(root[nameof(Parameters)]);
        return new StackTemplate(parameters, ParseConditions(root[nameof(Conditions)]), resources, ParseOutputs(root[nameof(Outputs)]), rules);
    }

    private static TemplateResource ParseResource(string logicalId, JsonNode? node)
    {
        if (node is not JsonObject resource || resource["Type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
        {
            throw new TemplateException($"resource {logicalId}: not an object with a Type string");
        }

        var typeName = type.GetValue<string>();
        var properties = resource["Properties"] switch
        {
            null => [],
            JsonObject o => (JsonObject)o.DeepClone(),
            _ => throw TemplateException.About(logicalId, typeName, "Properties is not an object"),
        };
        var dependsOn = resource["DependsOn"] switch
        {
            null => [],
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
            JsonArray a when a.All(d => d is JsonValue dv && dv.GetValueKind() == JsonValueKind.String) => a.Select(d => d!.GetValue<string>()).ToList(),
            _ => throw TemplateException.About(logicalId, typeName, "DependsOn is neither a logical id nor a list of them"),
        };
        return new TemplateResource(logicalId, typeName, properties, dependsOn, Text(resource["Condition"]), Text(resource["DeletionPolicy"]));
    }

    private static Dictionary<string, TemplateParameter> ParseParameters(JsonNode? section) =>
        (section as JsonObject ?? []).ToDictionary(
            p => p.Key,
            p => new TemplateParameter(
                p.Key, Text(p.Value?["Type"]) ?? throw new TemplateException($"parameter {p.Key} has no Type"), p.Value?["Default"]?.DeepClone()),
            StringComparer.Ordinal);

    private static Dictionary<string, JsonNode> ParseConditions(JsonNode? section) =>
        (section as JsonObject ?? []).ToDictionary(
            c => c.Key, c => c.Value?.DeepClone() ?? throw new TemplateException($"condition {c.Key} is null"), StringComparer.Ordinal);

    private static List<TemplateOutput> ParseOutputs(JsonNode? section) =>
        [.. (section as JsonObject ?? []).Select(o => new TemplateOutput(
            o.Key, o.Value?["Value"]?.DeepClone() ?? throw new TemplateException($"output {o.Key} has no Value"), Text(o.Value["Condition"])))];

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}

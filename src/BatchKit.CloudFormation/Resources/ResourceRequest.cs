using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Deploy;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Resources;

/// <summary>What a provisioner creates or updates: a resource of the template with its properties resolved to plain JSON.</summary>
internal sealed record ResourceRequest(TemplateResource Resource, JsonObject Properties, DeployContext Context)
{
    public string LogicalId => Resource.LogicalId;

    public string Type => Resource.Type;

    /// <summary>A string property, or null when absent.</summary>
    public string? Text(string name) => Properties[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        null => null,
        var other => throw Error($"{name} must be a string, got {other.ToJsonString()}"),
    };

    /// <summary>A whole-number property (CloudFormation takes "300" and 300 alike), or null when absent.</summary>
    public int? Number(string name) => Properties[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) => n,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && int.TryParse(v.GetValue<string>(), out var n) => n,
        var other => throw Error($"{name} must be a whole number, got {other.ToJsonString()}"),
    };

    /// <summary>The physical name: the template's <paramref name="nameProperty"/>, or one generated as CloudFormation does.</summary>
    public string Name(string nameProperty, int maxLength, bool lowercase = false) =>
        Text(nameProperty) ?? PhysicalNames.Generate(Context.Pseudo.StackName, LogicalId, maxLength, lowercase);

    public DeployedResource Deployed(string physicalId, Dictionary<string, string>? attributes = null, bool emulated = true, bool preexisting = false) => new()
    {
        LogicalId = LogicalId,
        Type = Type,
        PhysicalId = physicalId,
        Attributes = attributes ?? new Dictionary<string, string>(StringComparer.Ordinal),
        Properties = Properties,
        PropertiesHash = DeployedResource.Hash(Properties),
        Emulated = emulated,
        Preexisting = preexisting,
        Retain = Resource.IsRetained,
    };

    public TemplateException Error(string problem, Exception? inner = null) => Resource.Error(problem, inner);
}

using System.Text.Json.Nodes;

namespace BatchKit.CloudFormation.Template;

/// <summary>
/// One entry of the Outputs section. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html
/// </summary>
internal sealed record TemplateOutput(string Key, JsonNode Value, string? Condition);

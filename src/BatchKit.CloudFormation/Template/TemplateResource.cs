using System.Text.Json.Nodes;

namespace BatchKit.CloudFormation.Template;

/// <summary>
/// One entry of the template's Resources section.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html
/// </summary>
internal sealed record TemplateResource(
    string LogicalId,
    string Type,
    JsonObject Properties,
    IReadOnlyList<string> DependsOn,
    string? Condition,
    string? DeletionPolicy)
{
    /// <summary>DeletionPolicy Retain (or RetainExceptOnCreate): a delete leaves the resource where it is.</summary>
    public bool IsRetained => DeletionPolicy is "Retain" or "RetainExceptOnCreate";

    public TemplateException Error(string problem, Exception? inner = null) => TemplateException.About(LogicalId, Type, problem, inner);
}

using System.Text.Json.Nodes;

namespace BatchKit.CloudFormation.Template;

/// <summary>
/// One entry of the Parameters section: its type and default.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
/// </summary>
internal sealed record TemplateParameter(string Name, string Type, JsonNode? Default)
{
    /// <summary>AWS::SSM::Parameter::Value&lt;...&gt;: the value is read from Parameter Store under the given name.</summary>
    public bool IsSsmParameter => Type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal);

    public bool IsList => Type.StartsWith("List<", StringComparison.Ordinal) || Type == "CommaDelimitedList"
        || Type.StartsWith("AWS::SSM::Parameter::Value<List<", StringComparison.Ordinal)
        || Type == "AWS::SSM::Parameter::Value<CommaDelimitedList>";
}

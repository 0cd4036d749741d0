using System.Text.Json.Nodes;

namespace BatchKit.CloudFormation.Intrinsics;

/// <summary>
/// The intrinsic functions the deployer evaluates: those CDK writes into the BatchKit stack, and the condition
/// functions. Anything else named <c>Fn::</c> is refused with its name, never passed through as data.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
/// </summary>
internal static class IntrinsicFunctions
{
    public const string Ref = "Ref";
    public const string GetAtt = "Fn::GetAtt";
    public const string Join = "Fn::Join";
    public const string Sub = "Fn::Sub";
    public const string Select = "Fn::Select";
    public const string Split = "Fn::Split";
    public const string GetAZs = "Fn::GetAZs";
    public const string If = "Fn::If";
    public const string EqualsFunction = "Fn::Equals";
    public const string Not = "Fn::Not";
    public const string And = "Fn::And";
    public const string Or = "Fn::Or";

    /// <summary><c>{"Condition": "Name"}</c>, valid inside the condition functions.</summary>
    public const string Condition = "Condition";

    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        Ref, GetAtt, Join, Sub, Select, Split, GetAZs, If, EqualsFunction, Not, And, Or,
    };

    /// <summary>
    /// The function an object stands for: a one-key object whose key is Ref or starts with Fn::, or null for data.
    /// </summary>
    public static string? NameOf(JsonObject node) =>
        node.Count == 1 && node.First() is { Key: var key } && (key == Ref || key.StartsWith("Fn::", StringComparison.Ordinal)) ? key : null;
}

using System.Text.Json.Nodes;

namespace BatchKit.CloudFormation.Intrinsics;

/// <summary>
/// The pseudo parameters of a stack: the account and region of the endpoint deployed to, the stack's name and id.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
/// </summary>
internal sealed record PseudoParameters(string AccountId, string Region, string StackName, string StackId)
{
    public string Partition =>
        Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    public string UrlSuffix => Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";

    public static bool IsPseudo(string name) => name.StartsWith("AWS::", StringComparison.Ordinal);

    /// <summary>The value of AWS::Region and the rest; null for a name that is not one (AWS::NoValue is the resolver's).</summary>
    public JsonNode? Value(string name) => name switch
    {
        "AWS::AccountId" => AccountId,
        "AWS::Region" => Region,
        "AWS::Partition" => Partition,
        "AWS::URLSuffix" => UrlSuffix,
        "AWS::StackName" => StackName,
        "AWS::StackId" => StackId,
        "AWS::NotificationARNs" => new JsonArray(),
        _ => null,
    };
}

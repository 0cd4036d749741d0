using BatchKit.CloudFormation.Assets;
using BatchKit.CloudFormation.Intrinsics;

namespace BatchKit.CloudFormation.Deploy;

/// <summary>Everything a provisioner needs besides the resource itself: the stack, its assets, the settings and the clients.</summary>
internal sealed record DeployContext(PseudoParameters Pseudo, CloudAssembly Assembly, DeploymentSettings Settings, AwsClients Clients)
{
    /// <summary>An asset's destination name with the pseudo parameters CDK writes into it (<c>${AWS::AccountId}</c>...) filled.</summary>
    public string Fill(string text) => text
        .Replace("${AWS::AccountId}", Pseudo.AccountId, StringComparison.Ordinal)
        .Replace("${AWS::Region}", Pseudo.Region, StringComparison.Ordinal)
        .Replace("${AWS::Partition}", Pseudo.Partition, StringComparison.Ordinal)
        .Replace("${AWS::URLSuffix}", Pseudo.UrlSuffix, StringComparison.Ordinal);
}

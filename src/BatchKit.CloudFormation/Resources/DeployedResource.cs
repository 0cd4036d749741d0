using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// One resource as deployed: its physical id (what Ref answers), the attributes Fn::GetAtt reads, and the resolved
/// properties it was deployed with (kept so a redeploy sees what changed and a failed update can be put back).
/// </summary>
internal sealed record DeployedResource
{
    public required string LogicalId { get; init; }

    public required string Type { get; init; }

    public required string PhysicalId { get; init; }

    public Dictionary<string, string> Attributes { get; init; } = new(StringComparer.Ordinal);

    public required JsonObject Properties { get; init; }

    public required string PropertiesHash { get; init; }

    /// <summary>False for types that are accepted and recorded only (IAM, VPC, ...): nothing was created for them.</summary>
    public bool Emulated { get; init; } = true;

    /// <summary>DeletionPolicy Retain: when it leaves the template it is forgotten, not deleted.</summary>
    public bool Retain { get; init; }

    /// <summary>True when the resource already existed (a bucket kept in the emulator's data): a rollback leaves it.</summary>
    public bool Preexisting { get; init; }

    public static string Hash(JsonObject properties) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(properties.ToJsonString())));
}

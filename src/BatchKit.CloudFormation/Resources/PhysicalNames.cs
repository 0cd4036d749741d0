using System.Security.Cryptography;
using System.Text;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// Names for resources the template leaves unnamed, shaped as CloudFormation's: <c>Stack-LogicalId-SUFFIX</c>,
/// shortened to the service's limit. The suffix is derived from stack and logical id (CloudFormation's is random), so
/// a fresh deploy into a fresh emulator names everything the same way every time.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html
/// </summary>
internal static class PhysicalNames
{
    private const int SuffixLength = 12;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Generate(string stackName, string logicalId, int maxLength, bool lowercase = false)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(stackName + "/" + logicalId));
        var suffix = new string([.. hash.Take(SuffixLength).Select(b => Alphabet[b % Alphabet.Length])]);
        var prefix = $"{stackName}-{logicalId}";
        var room = maxLength - SuffixLength - 1;
        var name = $"{(prefix.Length > room ? prefix[..room] : prefix)}-{suffix}";
        return lowercase ? name.ToLowerInvariant() : name;
    }

    /// <summary>An EC2-style id (<c>subnet-0123456789abcdef0</c>) for a resource that is recorded, not created.</summary>
    public static string Ec2Id(string prefix, string stackName, string logicalId) =>
        prefix + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stackName + "/" + logicalId)))[..17];
}

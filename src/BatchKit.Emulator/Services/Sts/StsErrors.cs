using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Sts;

/// <summary>STS error codes (botocore sts/2011-06-15/service-2.json).</summary>
internal static class StsErrors
{
    public static ServiceErrorException Validation(string message) => new("ValidationError", message);

    public static ServiceErrorException MalformedPolicyDocument(string message) => new("MalformedPolicyDocument", message);
}

using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>SSM's error codes (botocore ssm/2014-11-06/service-2.json).</summary>
internal static class SsmErrors
{
    public static AwsServiceException ParameterNotFound(string name) => new("ParameterNotFound", $"Parameter {name} not found.");

    public static AwsServiceException ParameterAlreadyExists(string name) => new("ParameterAlreadyExists", $"The parameter {name} already exists. To overwrite it, set Overwrite to true.");

    public static AwsServiceException Validation(string message) => new("ValidationException", message);

    public static AwsServiceException UnsupportedParameterType(string type) => new("UnsupportedParameterType", $"The parameter type {type} is not one of String, StringList, SecureString.");
}

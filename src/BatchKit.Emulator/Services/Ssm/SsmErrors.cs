using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>SSM's error codes (botocore ssm/2014-11-06/service-2.json).</summary>
internal static class SsmErrors
{
    public static ServiceErrorException ParameterNotFound(string name) => new("ParameterNotFound", $"Parameter {name} not found.");

    public static ServiceErrorException ParameterAlreadyExists(string name) => new("ParameterAlreadyExists",
        $"The parameter {name} already exists. To overwrite it, set Overwrite to true.");

    public static ServiceErrorException Validation(string message) => new("ValidationException", message);

    public static ServiceErrorException UnsupportedParameterType(string type) => new("UnsupportedParameterType",
        $"The parameter type {type} is not one of String, StringList, SecureString.");
}

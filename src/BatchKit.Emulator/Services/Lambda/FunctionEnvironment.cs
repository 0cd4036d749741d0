using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// A function's environment variables as Lambda accepts them: none of the keys the runtime itself sets (AWS_REGION,
/// the credentials, _HANDLER ...), and at most 4 KB in all, measured as Lambda measures it (the variables as JSON).
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-runtime.html and
/// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
/// </summary>
internal static class FunctionEnvironment
{
    public const int MaxBytes = 4 * 1024;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    /// <summary>The variables of <c>Environment.Variables</c>, or InvalidParameterValueException in Lambda's words.</summary>
    public static Dictionary<string, string> Read(JsonObject variables)
    {
        var environment = variables.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
        var reserved = environment.Keys.Where(Reserved.Contains).Order(StringComparer.Ordinal).ToList();
        if (reserved.Count > 0)
        {
            throw LambdaErrors.InvalidParameterValue(
                "Lambda was unable to configure your environment variables because the environment variables you have provided "
                + "contains reserved keys that are currently not supported for modification. "
                + $"Reserved keys used in this request: {string.Join(",", reserved)}");
        }

        var measured = new JsonObject([.. environment.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]).ToJsonString();
        if (Encoding.UTF8.GetByteCount(measured) > MaxBytes)
        {
            var shown = measured.Length > 200 ? measured[..200] + "..." : measured;
            throw LambdaErrors.InvalidParameterValue(
                "Lambda was unable to configure your environment variables because the environment variables you have provided "
                + $"exceeded the 4KB limit. String measured: {shown}");
        }

        return environment;
    }
}

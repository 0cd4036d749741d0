using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// A function's configuration as CreateFunction stored it, and where its code lives on this machine: a directory
/// holding the <c>bootstrap</c> executable that an OS-only runtime (<c>provided.al2023</c>) starts.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-provided.html
/// </summary>
internal sealed record LambdaFunction(
    string FunctionName,
    string FunctionArn,
    string Runtime,
    string Handler,
    string Role,
    int Timeout,
    int MemorySize,
    IReadOnlyDictionary<string, string> Environment,
    string CodeDirectory,
    long CodeSize,
    string CodeSha256,
    DateTimeOffset LastModified,
    string? Description)
{
    /// <summary><c>$LATEST</c>, or the number PublishVersion gave this snapshot (its ARN then ends in <c>:N</c>).</summary>
    public string Version { get; init; } = "$LATEST";

    /// <summary>
    /// The CloudWatch Logs group its output goes to: LoggingConfig.LogGroup, by default <c>/aws/lambda/&lt;name&gt;</c>.
    /// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html
    /// </summary>
    public string? LogGroup { get; init; }

    public string LogGroupName => LogGroup ?? "/aws/lambda/" + FunctionName;

    /// <summary>The executable an OS-only runtime runs: <c>bootstrap</c> at the root of the deployment package.</summary>
    public string Bootstrap => Path.Combine(CodeDirectory, "bootstrap");

    /// <summary>FunctionConfiguration as GetFunction and CreateFunction return it (the properties carry the AWS field names).</summary>
    public JsonObject ToConfiguration()
    {
        var configuration = new JsonObject
        {
            [nameof(FunctionName)] = FunctionName,
            [nameof(FunctionArn)] = FunctionArn,
            [nameof(Runtime)] = Runtime,
            [nameof(Role)] = Role,
            [nameof(Handler)] = Handler,
            [nameof(CodeSize)] = CodeSize,
            [nameof(Description)] = Description ?? "",
            [nameof(Timeout)] = Timeout,
            [nameof(MemorySize)] = MemorySize,
            [nameof(LastModified)] = LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", System.Globalization.CultureInfo.InvariantCulture),
            [nameof(CodeSha256)] = CodeSha256,
            [nameof(Version)] = Version,
            ["State"] = "Active",
            ["LastUpdateStatus"] = "Successful",
            ["PackageType"] = "Zip",
            ["Architectures"] = new JsonArray("x86_64"),
            ["LoggingConfig"] = new JsonObject { ["LogFormat"] = "Text", [nameof(LogGroup)] = LogGroupName },
        };
        if (Environment.Count > 0)
        {
            var variables = new JsonObject();
            foreach (var (name, value) in Environment)
            {
                variables[name] = value;
            }

            configuration[nameof(Environment)] = new JsonObject { ["Variables"] = variables };
        }

        return configuration;
    }
}

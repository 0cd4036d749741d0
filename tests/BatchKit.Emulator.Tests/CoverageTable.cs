using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.DynamoDb;
using BatchKit.Emulator.Services.Ecs;
using BatchKit.Emulator.Services.EventBridge;
using BatchKit.Emulator.Services.Lambda;
using BatchKit.Emulator.Services.Logs;
using BatchKit.Emulator.Services.S3;
using BatchKit.Emulator.Services.Ses;
using BatchKit.Emulator.Services.Sqs;
using BatchKit.Emulator.Services.Ssm;
using BatchKit.Emulator.Services.StepFunctions;
using BatchKit.Emulator.Services.Sts;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// docs/coverage.md, generated: per service, the operations of botocore's model (the installed AWS CLI's) that the
/// emulator implements. An operation counts as implemented when its provider has a public method named after it
/// (with or without Async), the convention every provider follows, so the table follows the code. Static methods count
/// too: an operation that needs no provider state (ValidateStateMachineDefinition) is one, and counting only instance
/// methods left it out of the table although the provider serves it.
/// </summary>
internal static class CoverageTable
{
    private static readonly (string Service, string Title, Type Provider)[] Services =
    [
        ("s3", "Amazon S3", typeof(S3Provider)), ("stepfunctions", "AWS Step Functions", typeof(StepFunctionsProvider)),
        ("lambda", "AWS Lambda", typeof(LambdaProvider)), ("ecs", "Amazon ECS", typeof(EcsProvider)), ("ssm", "AWS Systems Manager", typeof(SsmProvider)),
        ("events", "Amazon EventBridge", typeof(EventBridgeProvider)), ("dynamodb", "Amazon DynamoDB", typeof(DynamoDbProvider)),
        ("sqs", "Amazon SQS", typeof(SqsProvider)), ("sts", "AWS STS", typeof(StsProvider)), ("ses", "Amazon SES v1", typeof(SesProvider)),
        ("sesv2", "Amazon SES v2", typeof(SesProvider)), ("logs", "Amazon CloudWatch Logs", typeof(LogsProvider)),
    ];

    public static string Generate()
    {
        var data = BotocoreData();
        var text = new StringBuilder();
        text.Append("# Emulator coverage\n\n");
        text.Append("Generated from botocore's service models (the installed AWS CLI's) and the emulator's providers by\n");
        text.Append("`tests/BatchKit.Emulator.Tests/CoverageTable.cs`; `CoverageTableTests` fails when this file and the code disagree\n");
        text.Append("(regenerate with `BATCHKIT_WRITE_COVERAGE=1 dotnet test tests/BatchKit.Emulator.Tests --filter CoverageTable`).\n\n");
        text.Append("| service | botocore model | implemented | total | share |\n|---|---|---:|---:|---:|\n");
        var details = new StringBuilder();
        foreach (var (service, title, provider) in Services)
        {
            var (version, operations) = Model(data, service);
            var implemented = operations.Where(Implemented(service, provider).Contains).ToList();
            text.Append($"| {title} | {service} {version} | {implemented.Count} | {operations.Count} | {100.0 * implemented.Count / operations.Count:0}% |\n");
            details.Append($"\n## {title}\n\n{string.Join(", ", implemented)}\n");
        }

        return text.Append(details).ToString();
    }

    private static HashSet<string> Implemented(string service, Type provider)
    {
        if (service == "sesv2")
        {
            return [.. SesProvider.V2Operations];
        }

        return provider.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Select(m => m.Name.EndsWith("Async", StringComparison.Ordinal) ? m.Name[..^5] : m.Name)
            .Where(n => !(service == "ses" && n.EndsWith("V2", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static (string Version, List<string> Operations) Model(string data, string service)
    {
        var version = Directory.GetDirectories(Path.Combine(data, service)).Where(d => File.Exists(Path.Combine(d, "service-2.json.gz")))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).Last()!;
        using var file = File.OpenRead(Path.Combine(data, service, version, "service-2.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var model = JsonNode.Parse(gzip)!;
        return (version, [.. model["operations"]!.AsObject().Select(o => o.Key).Order(StringComparer.Ordinal)]);
    }

    private static string BotocoreData()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"]) { RedirectStandardOutput = true,
            RedirectStandardError = true };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var output = python.StandardOutput.ReadToEnd().Trim();
        var error = python.StandardError.ReadToEnd();
        python.WaitForExit();
        return python.ExitCode == 0 ? Path.Combine(output, "data")
            : throw new InvalidOperationException($"botocore (the AWS CLI's library) is not importable: {error}");
    }
}

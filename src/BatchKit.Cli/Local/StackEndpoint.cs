using System.CommandLine;
using Amazon.Runtime;
using Amazon.S3;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;
using BatchKit.Deployment;

namespace BatchKit.Cli.Local;

/// <summary>
/// The stack a command talks to: <c>--endpoint</c> (default <c>BATCHKIT_ENDPOINT</c>, then http://127.0.0.1:4566;
/// <c>aws</c> for real AWS with the standard credential chain), <c>--bucket</c> and <c>--slack-url</c> (the stub's
/// admin side). Shared by every command that reads or writes the pipeline.
/// </summary>
internal sealed class StackEndpoint : IDisposable
{
    public static readonly Option<string> EndpointOption = new("--endpoint")
    {
        Description = "The AWS endpoint: the emulator or LocalStack URL, or 'aws' for real AWS. Default: $BATCHKIT_ENDPOINT, else http://127.0.0.1:4566.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BATCHKIT_ENDPOINT") is { Length: > 0 } e ? e : "http://127.0.0.1:4566",
    };

    public static readonly Option<string> BucketOption = new("--bucket") { Description = "The pipeline's bucket.", DefaultValueFactory = _ => "batchkit-sales" };

    public static readonly Option<string> SlackOption = new("--slack-url") { Description = "The Slack stub (its admin API).", DefaultValueFactory = _ => "http://127.0.0.1:8089" };

    public static readonly Option<string> StateMachineOption = new("--state-machine") { Description = "The workflow's name.", DefaultValueFactory = _ => "sales-batch" };

    private StackEndpoint(Uri? endpoint, string bucket, Uri slack, string stateMachine)
    {
        Endpoint = endpoint;
        Bucket = bucket;
        Slack = SlackStub.Attach(slack);
        StateMachineName = stateMachine;
        var credentials = endpoint is null ? null : new BasicAWSCredentials("test", "test");
        S3 = endpoint is null
            ? new AmazonS3Client()
            : new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        StepFunctions = new StepFunctionsClient(endpoint is null ? new AwsClientOptions() : new AwsClientOptions { Endpoint = endpoint, Region = "us-east-1", Credentials = credentials });
    }

    /// <summary>Null for real AWS.</summary>
    public Uri? Endpoint { get; }

    public bool IsLocal => Endpoint is not null;

    public string Bucket { get; }

    public string StateMachineName { get; }

    public SlackStub Slack { get; }

    public AmazonS3Client S3 { get; }

    public StepFunctionsClient StepFunctions { get; }

    public static void AddTo(Command command)
    {
        command.Options.Add(EndpointOption);
        command.Options.Add(BucketOption);
        command.Options.Add(SlackOption);
        command.Options.Add(StateMachineOption);
    }

    public static StackEndpoint From(ParseResult parse)
    {
        var endpoint = parse.GetValue(EndpointOption)!;
        Uri? url = null;
        if (!string.Equals(endpoint, "aws", StringComparison.OrdinalIgnoreCase) && !Uri.TryCreate(endpoint, UriKind.Absolute, out url))
        {
            throw new BatchKitException($"--endpoint '{endpoint}' is neither a URL nor 'aws'");
        }

        if (!Uri.TryCreate(parse.GetValue(SlackOption), UriKind.Absolute, out var slack))
        {
            throw new BatchKitException($"--slack-url '{parse.GetValue(SlackOption)}' is not a URL");
        }

        return new StackEndpoint(url, parse.GetValue(BucketOption)!, slack, parse.GetValue(StateMachineOption)!);
    }

    /// <summary>The state machine's ARN, or a clear error when the stack is not deployed there.</summary>
    public async Task<string> StateMachineArnAsync(CancellationToken cancellationToken)
    {
        try
        {
            var machines = await StepFunctions.ListStateMachinesAsync(cancellationToken).ConfigureAwait(false);
            return machines.FirstOrDefault(m => m.Name == StateMachineName).StateMachineArn
                ?? throw new BatchKitException($"no state machine '{StateMachineName}' at {Where}: run `make up` (or `batchkit up`) first");
        }
        catch (HttpRequestException e)
        {
            throw new BatchKitException($"nothing answers at {Where} ({e.Message}): start the stack with `make up`", e);
        }
    }

    public string Where => Endpoint?.ToString() ?? "AWS";

    public void Dispose()
    {
        S3.Dispose();
        StepFunctions.Dispose();
    }
}

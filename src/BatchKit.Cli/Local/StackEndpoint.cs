using System.CommandLine;
using Amazon.Runtime;
using Amazon.S3;
using BatchKit.Aws;
using BatchKit.Aws.Logs;
using BatchKit.Aws.StepFunctions;
using BatchKit.Deployment;

namespace BatchKit.Cli.Local;

/// <summary>
/// The stack a command talks to: <c>--endpoint</c> (default <c>BATCHKIT_ENDPOINT</c>, then http://127.0.0.1:4566;
/// <c>aws</c> for real AWS with the standard credential chain), <c>--outputs</c> (the stack's outputs file: the bucket,
/// the state machine, the functions, as the local deploy or <c>cdk deploy --outputs-file</c> wrote them) and
/// <c>--slack-url</c> (the stub's admin side). Shared by every command that reads or writes the pipeline.
/// </summary>
internal sealed class StackEndpoint : IDisposable
{
    public static readonly Option<string> EndpointOption = new("--endpoint")
    {
        Description = "The AWS endpoint: the emulator or LocalStack URL, or 'aws' for real AWS. Default: $BATCHKIT_ENDPOINT, else http://127.0.0.1:4566.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BATCHKIT_ENDPOINT") is { Length: > 0 } e ? e : "http://127.0.0.1:4566",
    };

    public static readonly Option<string?> OutputsOption = new("--outputs")
    {
        Description = "The stack's outputs file (cdk deploy --outputs-file writes one for AWS). "
            + "Default: $BATCHKIT_OUTPUTS, else .batchkit/outputs.json (make up writes it).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BATCHKIT_OUTPUTS") is { Length: > 0 } o ? o : null,
    };

    public static readonly Option<string> SlackOption = new("--slack-url")
    {
        Description = "The Slack stub (its admin API).", DefaultValueFactory = _ => "http://127.0.0.1:8089",
    };

    private readonly string? _outputsFile;
    private DeployedStack? _stack;

    private StackEndpoint(Uri? endpoint, string? outputsFile, Uri slack)
    {
        Endpoint = endpoint;
        _outputsFile = outputsFile;
        Slack = SlackStub.Attach(slack);
        var credentials = endpoint is null ? null : new BasicAWSCredentials("test", "test");
        S3 = endpoint is null
            ? new AmazonS3Client()
            : new AmazonS3Client(
                credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var options = endpoint is null ? new AwsClientOptions() : new AwsClientOptions { Endpoint = endpoint, Region = "us-east-1", Credentials = credentials };
        StepFunctions = new StepFunctionsClient(options);
        Logs = new LogsClient(options);
    }

    /// <summary>Null for real AWS.</summary>
    public Uri? Endpoint { get; }

    public bool IsLocal => Endpoint is not null;

    /// <summary>The deployed stack's names, read from the outputs file on first use.</summary>
    public DeployedStack Stack => _stack ??= ReadOutputs();

    public string Bucket => Stack.Bucket;

    public string StateMachineName => Stack.StateMachineArn[(Stack.StateMachineArn.LastIndexOf(':') + 1)..];

    public SlackStub Slack { get; }

    public AmazonS3Client S3 { get; }

    public StepFunctionsClient StepFunctions { get; }

    public LogsClient Logs { get; }

    public static void AddTo(Command command)
    {
        command.Options.Add(EndpointOption);
        command.Options.Add(OutputsOption);
        command.Options.Add(SlackOption);
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

        return new StackEndpoint(url, parse.GetValue(OutputsOption), slack);
    }

    /// <summary>
    /// Fails with what to do when nothing listens at the endpoint: checked before the outputs file is read, since a
    /// stopped stack is the likelier cause of both.
    /// </summary>
    public async Task EnsureAnswersAsync(CancellationToken cancellationToken)
    {
        if (Endpoint is null)
        {
            return;
        }

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(Endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw NothingAnswers(e);
        }
    }

    /// <summary>The state machine's ARN, or a clear error when the stack is not deployed there.</summary>
    public async Task<string> StateMachineArnAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await StepFunctions.DescribeStateMachineAsync(Stack.StateMachineArn, cancellationToken).ConfigureAwait(false) is { } machine
                ? machine.StateMachineArn
                : throw new BatchKitException(
                    $"the state machine {Stack.StateMachineArn} (from the outputs file) is not deployed at {Where}: run `make up` (or `batchkit up`) again");
        }
        catch (HttpRequestException e)
        {
            throw NothingAnswers(e);
        }
    }

    public string Where => Endpoint?.ToString() ?? "AWS";

    /// <summary>The one wording for an endpoint that refuses connections: what failed and what to do.</summary>
    public BatchKitException NothingAnswers(HttpRequestException e) =>
        new($"nothing answers at {Where} ({e.Message}): start the stack with `make up`", e);

    public void Dispose()
    {
        S3.Dispose();
        StepFunctions.Dispose();
        Logs.Dispose();
    }

    private DeployedStack ReadOutputs()
    {
        var path = _outputsFile ?? Path.Combine(LocalPaths.Find().State, CloudFormation.Deploy.StackOutputsFile.FileName);
        if (!File.Exists(path))
        {
            throw new BatchKitException(
                $"no stack outputs at {path}: deploy first (`make up`), or pass --outputs FILE (what `cdk deploy --outputs-file FILE` wrote)");
        }

        try
        {
            return DeployedStack.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new BatchKitException(e.Message, e);
        }
    }
}

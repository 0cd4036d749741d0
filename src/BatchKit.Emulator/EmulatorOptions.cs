using BatchKit.Emulator.Runtime;

namespace BatchKit.Emulator;

/// <summary>Where and how the emulator listens and keeps its data.</summary>
public sealed record EmulatorOptions
{
    /// <summary>LocalStack's port, so scripts and the AWS CLI work the same against both. 0 picks a free port.</summary>
    public int Port { get; init; } = 4566;

    /// <summary>Loopback by default: an emulator with dummy credentials must not be reachable from the network.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>
    /// Every record lives here: S3 objects (data and metadata in one file), SSM parameters, Lambda functions, notification
    /// configurations, connections, state machines, executions with their histories and Map Runs, task definitions, and
    /// the children the emulator started (so <c>batchkit down</c> can end them after a crash). A restart keeps them.
    /// </summary>
    public string DataDirectory { get; init; } = Path.Combine(".batchkit", "data");

    /// <summary>
    /// <c>--ephemeral</c>: records stay in memory and nothing is fsynced (S3 objects still stream to files in the data
    /// directory, never into memory), so a restart starts empty. For tests and throw-away runs that never restart.
    /// </summary>
    public bool Ephemeral { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "000000000000";

    /// <summary>
    /// The secret every SigV4 signature is verified against (any access key id goes with it), so the usual
    /// <c>test</c>/<c>test</c> credentials work and a web page that cannot sign is refused. Tasks and Lambda
    /// environments are given it as AWS_SECRET_ACCESS_KEY.
    /// </summary>
    public string SecretKey { get; init; } = "test";

    /// <summary>
    /// Directories (and those below them) that CreateFunction may run in place through the <c>hot-reload</c> bucket;
    /// none by default, since such a function runs whatever the directory holds.
    /// </summary>
    public IReadOnlyList<string> HotReloadDirectories { get; init; } = [];

    /// <summary>
    /// ECS: which local command runs a container image (e.g. "batchkit-worker" → the published worker binary). A task
    /// whose image is not mapped stops at once with a stoppedReason that says so.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> EcsImageCommands { get; init; } = new Dictionary<string, string[]>(StringComparer.Ordinal);

    /// <summary>What runs ECS tasks: local processes (the default), containers of their images, or auto.</summary>
    public RuntimeChoice EcsRuntime { get; init; } = RuntimeChoice.Process;

    /// <summary>What runs the execution environments of provided.* Lambda functions (same choices).</summary>
    public RuntimeChoice LambdaRuntime { get; init; } = RuntimeChoice.Process;

    /// <summary>The Docker engine of the container runtime (DOCKER_HOST, else /var/run/docker.sock).</summary>
    public Uri DockerEndpoint { get; init; } = DockerEngine.DefaultEndpoint;

    /// <summary>
    /// How fast the emulator's clock runs against the wall clock (<c>--time-scale</c>): 1, real time, by default; at
    /// 1,000 a one-hour Wait state takes 3.6 s. See <see cref="Runtime.ScaledTimeProvider"/> for what follows it.
    /// </summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>ECS tasks running at once; more wait in PROVISIONING (protects a laptop from a 1,000-store day).</summary>
    public int MaxConcurrentTasks { get; init; } = 4;

    /// <summary>Lambda: warm execution environments per function at most (each a bootstrap process).</summary>
    public int MaxLambdaEnvironments { get; init; } = 4;

    /// <summary>
    /// Lambda: the waits before the two retries of a failed asynchronous invocation. AWS waits 1 and 2 minutes; the
    /// emulator's defaults are short so a local run with a failing upload shows its outcome quickly.
    /// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
    /// </summary>
    public IReadOnlyList<TimeSpan> LambdaAsyncRetryDelays { get; init; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>
    /// The Slack stub (WireMock, with its admin API) whose received messages the viewer shows; null when there is none.
    /// Must be a loopback URL: the viewer never reaches beyond this machine.
    /// </summary>
    public Uri? SlackStubUrl { get; init; }
}

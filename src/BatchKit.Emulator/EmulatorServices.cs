using BatchKit.Emulator.Diagnostics;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Runtime;
using BatchKit.Emulator.Security;
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
using BatchKit.Emulator.Storage;
using BatchKit.Emulator.Viewer;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator;

/// <summary>
/// Every service of the emulator, built in dependency order in one place so who calls whom reads top to bottom:
/// stores, the workload launchers (--ecs-runtime, --lambda-runtime), providers, the Step Functions engine with its
/// integrations, then one handler per wire protocol, each verifying signatures against the one secret, and the viewer
/// over the same stores. Disposal runs the other way round and stops every task and Lambda environment it started.
/// </summary>
internal sealed class EmulatorServices : IAsyncDisposable
{
    private readonly WorkloadRuntimes _runtimes;
    private readonly EcsTaskRunner _tasks;
    private readonly LambdaProvider _lambda;
    private readonly EventBridgeProvider _events;
    private readonly ExecutionArchive _executions;

    public EmulatorServices(EmulatorOptions options, DataDirectory data, WorkloadRuntimes runtimes, EmulatorEndpoint endpoint, TimeProvider time)
    {
        _runtimes = runtimes;
        var changes = new ChangeFeed();
        var s3Store = new S3Store(data);
        var ecsStore = new EcsStore(data);
        var lambdaStore = new LambdaStore(data);
        var ssmStore = new SsmStore(data);
        var stepFunctionsStore = new StepFunctionsStore(data);
        var logs = new LogsProvider(new LogsStore(data), options, time);
        var sqs = new SqsProvider(new SqsStore(), endpoint, options, time);
        _tasks = new EcsTaskRunner(runtimes.Ecs, endpoint, options, time, changes.Notify) { Logs = logs.Ingest };
        var ecs = new EcsProvider(ecsStore, _tasks, options, time);
        _lambda = new LambdaProvider(lambdaStore, new FunctionCode(s3Store, options), runtimes.Lambda, endpoint, options, time, changes.Notify)
        {
            Logs = logs.Ingest,
        };
        _lambda.RestoreFunctions();
        var eventTargets = new EventTargets(sqs, _lambda);
        _events = new EventBridgeProvider(new EventBridgeStore(data), eventTargets, options, time);
        var s3 = new S3Provider(s3Store, new S3EventNotifier(options, data, _lambda, time), data, options);

        var dynamoDb = new DynamoDbProvider(options, time);
        var integrations = new ServiceIntegrations(ecs, _events, _lambda, dynamoDb);
        var engine = new ExecutionEngine(time, integrations, new S3ItemReader(s3Store), new S3ResultWriter(s3Store))
        {
            HistoryChanged = changes.Notify,
            Activities = new ActivityTaskQueue { Exists = stepFunctionsStore.Activities.ContainsKey },
        };
        _executions = new ExecutionArchive(data, time);
        var stepFunctions = new StepFunctionsProvider(stepFunctionsStore, _executions, options, time, engine);
        stepFunctions.RestoreExecutions();
        integrations.ConnectStepFunctions(stepFunctions);
        eventTargets.Connect(stepFunctions, _events.Route);

        StepFunctionsStore = stepFunctionsStore;
        Changes = changes;
        Viewer = new ViewerHandler(new ViewerSources(
            stepFunctionsStore, stepFunctions, engine.TaskTokens, ecsStore, lambdaStore, s3Store, ssmStore, changes, options, time));
        // Signatures carry the client's wall-clock time, not the emulator's (a test's fake clock moves schedules only).
        var signatures = new SignatureVerifier(options.SecretKey, TimeProvider.System);
        var ses = new SesProvider(new SesStore(options), time);
        BatchKitApi = new BatchKitApi(ecs, _lambda, data, ses.Store, time);
        var sts = new StsProvider(new StsStore(), options, time);
        AwsJson = new AwsJsonProtocol([new SsmProvider(ssmStore, options, time), stepFunctions, ecs, _events, sts, sqs, dynamoDb, logs], signatures);
        Query = new AwsQueryProtocol([sts, sqs, ses], signatures);
        RestJson = new RestJsonProtocol([_lambda, ses], signatures);
        RestXml = new RestXmlProtocol(s3, signatures);
    }

    /// <summary>Step Functions' records as kept in memory (tests look at what a finished execution still holds).</summary>
    internal StepFunctionsStore StepFunctionsStore { get; }

    /// <summary>Moves whenever what the viewer shows may have changed.</summary>
    public ChangeFeed Changes { get; }

    public ViewerHandler Viewer { get; }

    public BatchKitApi BatchKitApi { get; }

    public AwsJsonProtocol AwsJson { get; }

    public AwsQueryProtocol Query { get; }

    public RestJsonProtocol RestJson { get; }

    public RestXmlProtocol RestXml { get; }

    public async ValueTask DisposeAsync()
    {
        Viewer.Stop(); // open pages' event streams end first, so the server's shutdown does not wait for them
        _events.Dispose(); // stops the schedule timer, so no rule fires into a stopping emulator
        await _tasks.DisposeAsync().ConfigureAwait(false); // stops every task it started, by its own id
        await _lambda.DisposeAsync().ConfigureAwait(false); // and every Lambda execution environment
        await _executions.DisposeAsync().ConfigureAwait(false);
        await _runtimes.DisposeAsync().ConfigureAwait(false); // and removes any container of this emulator still there
        Viewer.Dispose();
    }
}

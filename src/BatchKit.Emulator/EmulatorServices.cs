using BatchKit.Emulator.Diagnostics;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Runtime;
using BatchKit.Emulator.Security;
using BatchKit.Emulator.Services.DynamoDb;
using BatchKit.Emulator.Services.Ecs;
using BatchKit.Emulator.Services.EventBridge;
using BatchKit.Emulator.Services.Lambda;
using BatchKit.Emulator.Services.S3;
using BatchKit.Emulator.Services.Ses;
using BatchKit.Emulator.Services.Sqs;
using BatchKit.Emulator.Services.Ssm;
using BatchKit.Emulator.Services.StepFunctions;
using BatchKit.Emulator.Services.Sts;
using BatchKit.Emulator.Storage;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator;

/// <summary>
/// Every service of the emulator, built in dependency order in one place so who calls whom reads top to bottom:
/// stores, the workload launchers (--ecs-runtime, --lambda-runtime), providers, the Step Functions engine with its
/// integrations, then one handler per wire protocol, each verifying signatures against the one secret. Disposal runs the
/// other way round and stops every task and Lambda environment it started.
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
        var s3Store = new S3Store(data);
        var sqs = new SqsProvider(new SqsStore(), endpoint, options, time);
        _tasks = new EcsTaskRunner(runtimes.Ecs, endpoint, options, time);
        var ecs = new EcsProvider(new EcsStore(data), _tasks, options, time);
        _lambda = new LambdaProvider(new LambdaStore(data), new FunctionCode(s3Store, options), runtimes.Lambda, endpoint, options, time);
        _lambda.RestoreFunctions();
        var eventTargets = new EventTargets(sqs, _lambda);
        _events = new EventBridgeProvider(new EventBridgeStore(data), eventTargets, options, time);
        var events = _events;
        var s3 = new S3Provider(s3Store, new S3EventNotifier(options, data, _lambda, time), data, options);

        var integrations = new ServiceIntegrations(ecs, events, _lambda);
        var engine = new ExecutionEngine(time, integrations, new S3ItemReader(s3Store), new S3ResultWriter(s3Store));
        _executions = new ExecutionArchive(data, time);
        var stepFunctions = new StepFunctionsProvider(new StepFunctionsStore(data), _executions, options, time, engine);
        stepFunctions.RestoreExecutions();
        integrations.ConnectStepFunctions(stepFunctions);
        eventTargets.Connect(stepFunctions, events.Route);

        // Signatures carry the client's wall-clock time, not the emulator's (a test's fake clock moves schedules only).
        var signatures = new SignatureVerifier(options.SecretKey, TimeProvider.System);
        var ses = new SesProvider(new SesStore(options), time);
        BatchKitApi = new BatchKitApi(ecs, _lambda, data, ses.Store);
        var sts = new StsProvider(new StsStore(), options, time);
        var dynamoDb = new DynamoDbProvider(options, time);
        AwsJson = new AwsJsonProtocol([new SsmProvider(new SsmStore(data), options, time), stepFunctions, ecs, events, sts, sqs, dynamoDb], signatures);
        Query = new AwsQueryProtocol([sts, sqs, ses], signatures);
        RestJson = new RestJsonProtocol([_lambda, ses], signatures);
        RestXml = new RestXmlProtocol(s3, signatures);
    }

    public BatchKitApi BatchKitApi { get; }

    public AwsJsonProtocol AwsJson { get; }

    public AwsQueryProtocol Query { get; }

    public RestJsonProtocol RestJson { get; }

    public RestXmlProtocol RestXml { get; }

    public async ValueTask DisposeAsync()
    {
        _events.Dispose(); // stops the schedule timer first, so no rule fires into a stopping emulator
        await _tasks.DisposeAsync().ConfigureAwait(false); // stops every task it started, by its own id
        await _lambda.DisposeAsync().ConfigureAwait(false); // and every Lambda execution environment
        await _executions.DisposeAsync().ConfigureAwait(false);
        await _runtimes.DisposeAsync().ConfigureAwait(false); // and removes any container of this emulator still there
    }
}

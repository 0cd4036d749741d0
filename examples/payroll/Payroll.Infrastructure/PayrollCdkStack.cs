using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Notifications;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Function = Amazon.CDK.AWS.Lambda.Function;

namespace Payroll.Infrastructure;

/// <summary>
/// The payroll example on AWS: a versioned bucket whose <c>timesheets/*.csv</c> uploads invoke the trigger, the five
/// functions (one provided.al2023 bootstrap, five Handlers), and the state machine from payroll.asl.json with its
/// placeholders filled by DefinitionSubstitutions. Each function may touch only what its step reads or writes.
/// </summary>
internal sealed class PayrollCdkStack : Stack
{
    public const string FunctionsAssetDirKey = "functionsAssetDir";

    public PayrollCdkStack(Construct scope, string id, string functionsAssetDir) : base(scope, id)
    {
        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Versioned = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                new LifecycleRule { Id = "processed", Prefix = "processed/", Expiration = Duration.Days(30), NoncurrentVersionExpiration = Duration.Days(1) },
                new LifecycleRule { Id = "old-versions", NoncurrentVersionExpiration = Duration.Days(90) },
            ],
        });
        var code = Code.FromAsset(AssetDirectory(functionsAssetDir));
        Functions = PayrollHandlers.All.ToDictionary(h => h, h => NewFunction(h, code), StringComparer.Ordinal);
        Bucket.GrantRead(Functions[PayrollHandlers.ProcessData], PayrollKeys.Timesheets + "*");
        Bucket.GrantPut(Functions[PayrollHandlers.ProcessData], "processed/*");
        Bucket.GrantRead(Functions[PayrollHandlers.GeneratePaystubs], "processed/*");
        Bucket.GrantPut(Functions[PayrollHandlers.GeneratePaystubs], "paystubs/*");
        Bucket.GrantRead(Functions[PayrollHandlers.GenerateReport], "processed/*");
        Bucket.GrantPut(Functions[PayrollHandlers.GenerateReport], "reports/*");
        Bucket.GrantPut(Functions[PayrollHandlers.Notify], "notifications/*");

        StateMachine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            StateMachineName = PayrollDefinition.StateMachineName,
            DefinitionBody = DefinitionBody.FromString(PayrollDefinition.Template),
            DefinitionSubstitutions = PayrollDefinition.PlaceholderHandlers.ToDictionary(
                p => p.Key, p => Functions[p.Value].FunctionArn, StringComparer.Ordinal),
        });
        foreach (var handler in PayrollDefinition.PlaceholderHandlers.Values)
        {
            Functions[handler].GrantInvoke(StateMachine);
        }

        var trigger = Functions[PayrollHandlers.Trigger];
        trigger.AddEnvironment(PayrollHandlers.StateMachineArnVariable, StateMachine.StateMachineArn);
        StateMachine.GrantStartExecution(trigger);
        var timesheets = new NotificationKeyFilter { Prefix = PayrollKeys.Timesheets, Suffix = ".csv" };
        Bucket.AddEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(trigger), timesheets);
    }

    public Bucket Bucket { get; }

    public IReadOnlyDictionary<string, Function> Functions { get; }

    public StateMachine StateMachine { get; }

    private Function NewFunction(string handler, Code code) => new(this, "Function-" + handler, new FunctionProps
    {
        FunctionName = PayrollHandlers.FunctionName(handler),
        Runtime = Runtime.PROVIDED_AL2023,
        Architecture = Architecture.X86_64,
        Handler = handler,
        Code = code,
        MemorySize = 256,
        Timeout = Duration.Seconds(60),
        Description = $"BatchKit payroll example: {handler}",
    });

    /// <summary>The asset folder must hold the published bootstrap; say so at synth time rather than ship an empty zip.</summary>
    private static string AssetDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        return File.Exists(Path.Combine(full, "bootstrap"))
            ? full
            : throw new ArgumentException(
                $"'{full}' has no 'bootstrap': publish examples/payroll/Payroll.Functions there (make -C examples/payroll artifacts)", nameof(directory));
    }
}

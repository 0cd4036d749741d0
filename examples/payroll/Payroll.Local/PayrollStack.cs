using Amazon.S3;
using BatchKit.Aws.Lambda;
using BatchKit.Aws.StepFunctions;
using BatchKit.Examples.Local;

namespace Payroll.Local;

/// <summary>
/// Deploys the payroll example into a local endpoint with the names its CDK stack uses: the bucket, the five functions
/// (one bootstrap, five Handlers), the state machine from payroll.asl.json, and the S3 notification
/// <c>timesheets/*.csv</c> → trigger. The same order CloudFormation derives from the template's references.
/// </summary>
public sealed class PayrollStack(LocalEndpoint endpoint, string functionsDirectory, IProgress<string>? progress = null)
{
    public const string Bucket = "batchkit-payroll";

    public static AslTemplate Definition { get; } = new("payroll.asl.json", PayrollDefinition.Template);

    public async Task<PayrollDeployment> DeployAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var s3 = endpoint.S3();
        using var lambda = new LambdaClient(endpoint.ClientOptions());
        using var stepFunctions = new StepFunctionsClient(endpoint.ClientOptions());

        progress?.Report($"bucket {Bucket}");
        await LocalDeploy.EnsureBucketAsync(s3, Bucket, cancellationToken).ConfigureAwait(false);

        var arns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var handler in PayrollDefinition.PlaceholderHandlers.Values)
        {
            progress?.Report($"Lambda {PayrollHandlers.FunctionName(handler)}");
            var spec = new FunctionSpec(PayrollHandlers.FunctionName(handler), handler, functionsDirectory);
            arns[handler] = await LocalDeploy.DeployFunctionAsync(lambda, spec, cancellationToken).ConfigureAwait(false);
        }

        progress?.Report($"state machine {PayrollDefinition.StateMachineName} from payroll.asl.json");
        var definition = Definition.Substitute(PayrollDefinition.PlaceholderHandlers.ToDictionary(p => p.Key, p => arns[p.Value], StringComparer.Ordinal));
        var stateMachineArn = await LocalDeploy.EnsureStateMachineAsync(stepFunctions, PayrollDefinition.StateMachineName, definition, cancellationToken)
            .ConfigureAwait(false);

        var trigger = new FunctionSpec(PayrollHandlers.FunctionName(PayrollHandlers.Trigger), PayrollHandlers.Trigger, functionsDirectory)
        {
            Environment = new Dictionary<string, string> { [PayrollHandlers.StateMachineArnVariable] = stateMachineArn },
        };
        progress?.Report($"Lambda {trigger.Name} and the S3 notification {PayrollKeys.Timesheets}*.csv → it");
        var triggerArn = await LocalDeploy.DeployFunctionAsync(lambda, trigger, cancellationToken).ConfigureAwait(false);
        arns[PayrollHandlers.Trigger] = triggerArn;
        await LocalDeploy.NotifyOnUploadAsync(s3, lambda, Bucket, trigger.Name, triggerArn, PayrollKeys.Timesheets, ".csv", cancellationToken)
            .ConfigureAwait(false);
        return new PayrollDeployment(Bucket, stateMachineArn, triggerArn, arns);
    }
}

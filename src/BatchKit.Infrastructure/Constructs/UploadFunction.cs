using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SQS;
using BatchKit.Contracts;
using BatchKit.Contracts.Functions;
using Constructs;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>
/// The S3-triggered function (Handler <c>upload</c>): streams <c>uploads/&lt;day&gt;.zip</c> into
/// <c>processed/&lt;day&gt;/</c>, reads the state machine's ARN from SSM and starts the workflow. S3 invokes it
/// asynchronously, so events that fail every retry land in a dead-letter queue instead of vanishing.
/// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
/// </summary>
internal sealed class UploadFunction : Construct
{
    public const string Handler = FunctionHandlers.Upload;

    /// <summary>Streaming unzip: memory buys CPU (and network) on Lambda; 15 minutes covers a 1,000-store day.</summary>
    public const int MemorySize = 1024;

    public static readonly Duration Timeout = Duration.Minutes(15);

    public UploadFunction(Construct scope, string id, Code code, ResourceNames names, BatchKitSettings settings) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(settings);
        DeadLetterQueue = new Queue(this, "DeadLetters", new QueueProps
        {
            RetentionPeriod = Duration.Days(14),
            EnforceSSL = true,
            Encryption = QueueEncryption.SQS_MANAGED,
        });
        HandlerFunction = new PipelineFunction(this, "Handler", new PipelineFunctionProps(
            code, Handler, "BatchKit: unzips uploads/<day>.zip to processed/<day>/ and starts the sales batch", MemorySize, Timeout, settings.LogRetentionDays)
        {
            DeadLetterQueue = DeadLetterQueue,
        });

        // Built from names, not references: the bucket notifies this function, so referring back would be a cycle.
        var role = HandlerFunction.Role;
        role.AddToPolicy(Statement(["s3:GetObject"], names.ObjectsArn(BucketPrefixes.Uploads)));
        role.AddToPolicy(Statement(["s3:PutObject", "s3:AbortMultipartUpload"], names.ObjectsArn(BucketPrefixes.Processed)));
        role.AddToPolicy(Statement(["ssm:GetParameter"], names.StepFunctionArnParameterArn));
        role.AddToPolicy(Statement(["states:StartExecution"], names.StateMachineArn));
    }

    public Queue DeadLetterQueue { get; }

    public Function Function => HandlerFunction.Function;

    private PipelineFunction HandlerFunction { get; }

    private static PolicyStatement Statement(string[] actions, string resource) =>
        new(new PolicyStatementProps { Actions = actions, Resources = [resource] });
}

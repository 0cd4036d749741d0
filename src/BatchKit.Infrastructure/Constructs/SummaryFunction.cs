using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using BatchKit.Contracts;
using BatchKit.Contracts.Functions;
using Constructs;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>
/// The same binary with Handler <c>summary</c>: the workflow's lambda:invoke step. It reads the Distributed Map's
/// ResultWriter files under <c>reports/&lt;day&gt;/map/</c> and writes <c>reports/&lt;day&gt;/summary.json</c>.
/// </summary>
internal sealed class SummaryFunction : Construct
{
    public const string Handler = FunctionHandlers.Summary;

    public const int MemorySize = 512;

    public static readonly Duration Timeout = Duration.Minutes(5);

    public SummaryFunction(Construct scope, string id, Code code, IBucket bucket, BatchKitSettings settings) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(settings);
        HandlerFunction = new PipelineFunction(this, "Handler", new PipelineFunctionProps(
            code, Handler, "BatchKit: sums the day's ResultWriter output into reports/<day>/summary.json", MemorySize, Timeout, settings.LogRetentionDays));
        var reports = bucket.ArnForObjects(BucketPrefixes.Reports + "*");
        HandlerFunction.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps { Actions = ["s3:GetObject", "s3:PutObject"], Resources = [reports] }));
        HandlerFunction.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
            Conditions = new Dictionary<string, object> { ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = BucketPrefixes.Reports + "*" } },
        }));
    }

    public Function Function => HandlerFunction.Function;

    private PipelineFunction HandlerFunction { get; }
}

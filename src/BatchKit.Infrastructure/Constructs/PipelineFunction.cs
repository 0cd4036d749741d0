using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>
/// One function running the upload handler's self-contained <c>bootstrap</c> on provided.al2023 (x86_64: the arm64
/// runtime pack is not available to build it). The Handler setting picks which of its handlers runs.
/// Its own role writes only to its own log group, instead of the AWSLambdaBasicExecutionRole managed policy's
/// <c>logs:*</c> on every log group. https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
/// </summary>
internal sealed class PipelineFunction : Construct
{
    public PipelineFunction(Construct scope, string id, PipelineFunctionProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"BatchKit upload handler ({props.Handler})",
        });
        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = LogRetention.Of(props.LogRetentionDays),
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [LogGroup.LogGroupArn],
        }));
        Function = new Function(this, "Function", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = props.Handler,
            Code = props.Code,
            Role = Role,
            LogGroup = LogGroup,
            MemorySize = props.MemorySize,
            Timeout = props.Timeout,
            Description = props.Description,
            DeadLetterQueue = props.DeadLetterQueue,
            RetryAttempts = props.DeadLetterQueue is null ? null : 2,
        });
        // The function must not start before its role can write its logs.
        Function.Node.AddDependency(Role);
    }

    public Role Role { get; }

    public LogGroup LogGroup { get; }

    public Function Function { get; }

    /// <summary>
    /// The asset directory must hold the published <c>bootstrap</c>; say so at synth time rather than ship an empty zip.
    /// </summary>
    public static Code CodeFrom(string assetDirectory)
    {
        var directory = Path.GetFullPath(assetDirectory);
        if (!File.Exists(Path.Combine(directory, "bootstrap")))
        {
            throw new ArgumentException(
                $"the upload handler asset directory '{directory}' has no 'bootstrap' file: publish src/BatchKit.Functions " +
                $"(linux-x64, self-contained) there, or point the '{BatchKitSettings.LambdaAssetDirKey}' context at it",
                nameof(assetDirectory));
        }

        return Code.FromAsset(directory);
    }
}

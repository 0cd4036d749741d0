using System.Text.Json.Nodes;
using BatchKit.Aws;
using BatchKit.CloudFormation.Assets;
using BatchKit.CloudFormation.Deploy;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// AWS::Lambda::Function: the code is the function's file asset, used in place from cdk.out through the
/// <c>hot-reload</c> bucket the emulator and LocalStack both read as "a local directory"; handler, runtime, timeout,
/// memory, environment, role and architectures are the template's. Absent settings are sent as Lambda's defaults, so
/// removing one from the template resets it. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
/// </summary>
internal sealed class FunctionProvisioner : ResourceProvisioner
{
    public const string HotReloadBucket = "hot-reload";

    public override string Type => "AWS::Lambda::Function";

    public override IReadOnlySet<string> Attributes { get; } = Set("Arn");

    protected override IReadOnlySet<string> AppliedProperties { get; } =
        Set("FunctionName", "Code", "Handler", "Runtime", "Timeout", "MemorySize", "Environment", "Role", "Architectures", "Description", "LoggingConfig");

    public override async Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name("FunctionName", 64);
        var create = Configuration(request);
        create["FunctionName"] = name;
        create["Code"] = Code(request.Resource, request.Properties, request.Context);
        create["Architectures"] = request.Properties["Architectures"]?.DeepClone() ?? new JsonArray("x86_64");
        var arn = await request.Context.Clients.Lambda.CreateFunctionAsync(create, cancellationToken).ConfigureAwait(false);
        return request.Deployed(name, new Dictionary<string, string>(StringComparer.Ordinal) { ["Arn"] = arn });
    }

    public override async Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken)
    {
        var name = request.Name("FunctionName", 64);
        var lambda = request.Context.Clients.Lambda;
        if (name != current.PhysicalId || await lambda.GetFunctionConfigurationAsync(name, cancellationToken).ConfigureAwait(false) is null)
        {
            return await CreateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (!JsonNode.DeepEquals(request.Properties["Code"], current.Properties["Code"]))
        {
            await lambda.UpdateFunctionCodeAsync(name, Code(request.Resource, request.Properties, request.Context), cancellationToken).ConfigureAwait(false);
        }

        var updated = await lambda.UpdateFunctionConfigurationAsync(name, Configuration(request), cancellationToken).ConfigureAwait(false);
        return request.Deployed(name, new Dictionary<string, string>(StringComparer.Ordinal) { ["Arn"] = (string)updated["FunctionArn"]! });
    }

    public override async Task<bool> ExistsAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken) =>
        await context.Clients.Lambda.GetFunctionConfigurationAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false) is not null;

    public override async Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Clients.Lambda.DeleteFunctionAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceNotFoundException")
        {
            // Already gone (an emulator restart): what a delete wants.
        }
    }

    /// <summary>A function's code must be an asset whose directory (or zip) cdk synth wrote: checked before anything is deployed.</summary>
    public override void Validate(TemplateResource resource, Func<JsonNode?, JsonNode?> resolve, DeployContext context)
    {
        if (resolve(resource.Properties["Code"]) is JsonObject code)
        {
            _ = Code(resource, new JsonObject { ["Code"] = code }, context);
        }
    }

    /// <summary>The settings UpdateFunctionConfiguration takes, with Lambda's defaults for what the template leaves out.</summary>
    private static JsonObject Configuration(ResourceRequest request) => new()
    {
        ["LoggingConfig"] = new JsonObject { ["LogGroup"] = LogGroup(request) },
        ["Runtime"] = request.Text("Runtime") ?? throw request.Error("Runtime is required (BatchKit deploys zip packages)"),
        ["Handler"] = request.Text("Handler") ?? throw request.Error("Handler is required"),
        ["Role"] = request.Text("Role") ?? throw request.Error("Role is required"),
        ["Timeout"] = request.Number("Timeout") ?? 3,
        ["MemorySize"] = request.Number("MemorySize") ?? 128,
        ["Environment"] = new JsonObject { ["Variables"] = request.Properties["Environment"]?["Variables"]?.DeepClone() ?? new JsonObject() },
        ["Description"] = request.Text("Description") ?? "",
    };

    /// <summary>Where the function logs: the template's LoggingConfig.LogGroup (CDK's Function.logGroup), else Lambda's default group.</summary>
    private static string LogGroup(ResourceRequest request) =>
        request.Properties["LoggingConfig"]?["LogGroup"]?.GetValue<string>() ?? "/aws/lambda/" + request.Name("FunctionName", 64);

    private static JsonObject Code(TemplateResource resource, JsonObject properties, DeployContext context)
    {
        var code = properties["Code"] as JsonObject ?? throw resource.Error("Code is required");
        if (code["S3Bucket"] is null || code["S3Key"] is null)
        {
            var given = string.Join(", ", code.Select(c => c.Key));
            throw resource.Error($"Code must name a file asset (S3Bucket and S3Key) of the cloud assembly; {given} is not deployed locally");
        }

        var (bucket, key) = ((string?)code["S3Bucket"], (string?)code["S3Key"]);
        var asset = context.Assembly.Files.FirstOrDefault(a => context.Fill(a.BucketName) == bucket && context.Fill(a.ObjectKey) == key)
            ?? throw resource.Error($"Code s3://{bucket}/{key} is not an asset of the cloud assembly in {context.Assembly.Directory}");
        return Local(resource, asset);
    }

    /// <summary>The asset as CreateFunction's Code: a directory in place (hot-reload), or a zip file inline.</summary>
    private static JsonObject Local(TemplateResource resource, FileAsset asset)
    {
        if (Directory.Exists(asset.SourcePath))
        {
            return new JsonObject { ["S3Bucket"] = HotReloadBucket, ["S3Key"] = asset.SourcePath };
        }

        if (File.Exists(asset.SourcePath) && asset.SourcePath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return new JsonObject { ["ZipFile"] = Convert.ToBase64String(File.ReadAllBytes(asset.SourcePath)) };
        }

        throw resource.Error($"the code asset {asset.Hash} is missing: {asset.SourcePath} does not exist (run cdk synth again)");
    }
}

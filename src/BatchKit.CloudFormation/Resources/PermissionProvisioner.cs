using BatchKit.CloudFormation.Deploy;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// AWS::Lambda::Permission: AddPermission on the function (S3's right to invoke the upload function). The emulator has
/// no RemovePermission, so a removed permission stays on its function until that function is deleted.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html
/// </summary>
internal sealed class PermissionProvisioner : ResourceProvisioner
{
    public override string Type => "AWS::Lambda::Permission";

    public override IReadOnlySet<string> Attributes { get; } = Set();

    protected override IReadOnlySet<string> AppliedProperties { get; } = Set("FunctionName", "Action", "Principal", "SourceArn");

    public override async Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        var statementId = PhysicalNames.Generate(request.Context.Pseudo.StackName, request.LogicalId, 100);
        var function = request.Text("FunctionName") ?? throw request.Error("FunctionName is required");
        var principal = request.Text("Principal") ?? throw request.Error("Principal is required");
        if (request.Text("Action") is { } action && action != "lambda:InvokeFunction")
        {
            throw request.Error($"Action {action}: only lambda:InvokeFunction is granted locally");
        }

        var sourceArn = request.Text("SourceArn") ?? "";
        await request.Context.Clients.Lambda.AddPermissionAsync(function, statementId, principal, sourceArn, cancellationToken).ConfigureAwait(false);
        return request.Deployed(statementId);
    }

    public override Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken) =>
        CreateAsync(request, cancellationToken);

    public override Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

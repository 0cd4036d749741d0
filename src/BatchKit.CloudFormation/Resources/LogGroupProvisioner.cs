using BatchKit.CloudFormation.Deploy;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// AWS::Logs::LogGroup: CreateLogGroup and its retention (PutRetentionPolicy, or none). Ref answers the name, Arn the
/// group's ARN with <c>:*</c> as CloudFormation gives it. A group that already exists is taken over, since a workload
/// of the emulator may have written to it first (on AWS, Lambda creates its group on the first invocation too).
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html
/// </summary>
internal sealed class LogGroupProvisioner : ResourceProvisioner
{
    public override string Type => "AWS::Logs::LogGroup";

    public override IReadOnlySet<string> Attributes { get; } = Set("Arn");

    protected override IReadOnlySet<string> AppliedProperties { get; } = Set("LogGroupName", "RetentionInDays");

    public override async Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name("LogGroupName", 512);
        var logs = request.Context.Clients.Logs;
        await logs.CreateLogGroupAsync(name, cancellationToken).ConfigureAwait(false);
        await logs.SetRetentionAsync(name, request.Number("RetentionInDays"), cancellationToken).ConfigureAwait(false);
        var pseudo = request.Context.Pseudo;
        return request.Deployed(name, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Arn"] = $"arn:{pseudo.Partition}:logs:{pseudo.Region}:{pseudo.AccountId}:log-group:{name}:*",
        });
    }

    /// <summary>A new name is a replacement (a new group); the same name changes the retention in place.</summary>
    public override Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken) =>
        CreateAsync(request, cancellationToken);

    public override async Task<bool> ExistsAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken) =>
        (await context.Clients.Logs.DescribeLogGroupAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false)).Exists;

    public override Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken) =>
        context.Clients.Logs.DeleteLogGroupAsync(current.PhysicalId, cancellationToken); // already gone is what a delete wants
}

using BatchKit.Aws;
using BatchKit.CloudFormation.Deploy;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// AWS::ECS::Cluster: CreateCluster. Ref answers the name. CreateCluster of an existing name answers that cluster
/// (ECS makes it idempotent), which is also how a cluster an emulator restart forgot comes back.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-cluster.html
/// </summary>
internal sealed class ClusterProvisioner : ResourceProvisioner
{
    public override string Type => "AWS::ECS::Cluster";

    public override IReadOnlySet<string> Attributes { get; } = Set("Arn");

    protected override IReadOnlySet<string> AppliedProperties { get; } = Set("ClusterName");

    public override async Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        var cluster = (await request.Context.Clients.Ecs.CreateClusterAsync(request.Name("ClusterName", 255), cancellationToken).ConfigureAwait(false)).Cluster;
        return request.Deployed(cluster.ClusterName, new Dictionary<string, string>(StringComparer.Ordinal) { ["Arn"] = cluster.ClusterArn });
    }

    public override Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken) =>
        CreateAsync(request, cancellationToken);

    /// <summary>CreateCluster is idempotent: calling it ensures the cluster is there, with the same ARN.</summary>
    public override async Task<bool> ExistsAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken)
    {
        var cluster = (await context.Clients.Ecs.CreateClusterAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false)).Cluster;
        return cluster.ClusterArn == current.Attributes["Arn"];
    }

    public override async Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Clients.Ecs.DeleteClusterAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ClusterNotFoundException")
        {
            // Already gone (an emulator restart): what a delete wants.
        }
    }
}

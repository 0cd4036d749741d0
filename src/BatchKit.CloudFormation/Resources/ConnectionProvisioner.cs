using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Deploy;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// AWS::Events::Connection: CreateConnection with the template's authorization (the credentials Step Functions'
/// http:invoke sends). The emulator has no UpdateConnection, so a changed connection is deleted and created again
/// under its name (its ARN changes, and what refers to it is updated after it).
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-connection.html
/// </summary>
internal sealed class ConnectionProvisioner : ResourceProvisioner
{
    public override string Type => "AWS::Events::Connection";

    public override IReadOnlySet<string> Attributes { get; } = Set("Arn", "SecretArn");

    protected override IReadOnlySet<string> AppliedProperties { get; } = Set("Name", "AuthorizationType", "AuthParameters", "Description");

    public override async Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name("Name", 64);
        var arn = await request.Context.Clients.Events.CreateConnectionAsync(
            name,
            request.Text("AuthorizationType") ?? throw request.Error("AuthorizationType is required"),
            request.Properties["AuthParameters"] as JsonObject ?? throw request.Error("AuthParameters is required"),
            request.Text("Description"),
            cancellationToken).ConfigureAwait(false);
        var pseudo = request.Context.Pseudo;
        var id = arn[(arn.LastIndexOf('/') + 1)..];
        return request.Deployed(name, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Arn"] = arn,
            ["SecretArn"] = $"arn:{pseudo.Partition}:secretsmanager:{pseudo.Region}:{pseudo.AccountId}:secret:events!connection/{name}/{id}",
        });
    }

    public override async Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken)
    {
        var events = request.Context.Clients.Events;
        var sameName = request.Name("Name", 64) == current.PhysicalId;
        if (sameName && await events.DescribeConnectionAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false) is not null)
        {
            await events.DeleteConnectionAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false);
        }

        return await CreateAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<bool> ExistsAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken)
    {
        var connection = await context.Clients.Events.DescribeConnectionAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false);
        return (string?)connection?["ConnectionArn"] == current.Attributes["Arn"];
    }

    public override async Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken)
    {
        if (await context.Clients.Events.DescribeConnectionAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false) is not null)
        {
            await context.Clients.Events.DeleteConnectionAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false);
        }
    }
}

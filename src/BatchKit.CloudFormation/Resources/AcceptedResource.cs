using BatchKit.CloudFormation.Deploy;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// A type the emulator does not emulate (IAM, VPC, endpoints, security groups, queues, policies, CDK's metadata): it is
/// accepted and recorded in the deploy report, and given the physical id and attributes AWS would have given it, so
/// the resources that refer to it (a role's ARN, a subnet id in the definition) resolve as on AWS.
/// </summary>
internal sealed class AcceptedResource(
    string type, Func<ResourceRequest, string> physicalId, IReadOnlyDictionary<string, Func<ResourceRequest, string, string>> attributes)
    : ResourceProvisioner
{
    public override string Type => type;

    public override bool Emulated => false;

    public override IReadOnlySet<string> Attributes { get; } = new HashSet<string>(attributes.Keys, StringComparer.Ordinal);

    protected override IReadOnlySet<string> AppliedProperties { get; } = Set();

    public override Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        var id = physicalId(request);
        return Task.FromResult(request.Deployed(id, AttributesOf(request, id), emulated: false));
    }

    /// <summary>The physical id stays (a role keeps its name), the attributes follow the properties.</summary>
    public override Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken) =>
        Task.FromResult(request.Deployed(current.PhysicalId, AttributesOf(request, current.PhysicalId), emulated: false));

    public override Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every property of an accepted type is "not emulated": the report says the whole resource is.</summary>
    public override IEnumerable<string> NotEmulated(System.Text.Json.Nodes.JsonObject properties) => [];

    private Dictionary<string, string> AttributesOf(ResourceRequest request, string id) =>
        attributes.ToDictionary(a => a.Key, a => a.Value(request, id), StringComparer.Ordinal);
}

using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Deploy;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// Deploys one resource type into the emulator through its AWS API: one method per lifecycle step, as a CloudFormation
/// resource provider has. https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-develop.html
/// </summary>
internal abstract class ResourceProvisioner
{
    public abstract string Type { get; }

    /// <summary>What Fn::GetAtt may read of this type (Ref is always the physical id).</summary>
    public abstract IReadOnlySet<string> Attributes { get; }

    /// <summary>False for types accepted and recorded only: nothing is created for them.</summary>
    public virtual bool Emulated => true;

    /// <summary>Top-level properties this provisioner applies; the rest are accepted and reported as not emulated.</summary>
    protected abstract IReadOnlySet<string> AppliedProperties { get; }

    public abstract Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Brings <paramref name="current"/> to the request's properties: in place, or by creating a replacement (a new
    /// physical id: the deployer deletes the old one once the whole deploy has succeeded). Recreates what is missing.
    /// </summary>
    public abstract Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken);

    /// <summary>Whether the resource is still there (an emulator restart forgets all but S3).</summary>
    public virtual Task<bool> ExistsAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken) => Task.FromResult(true);

    public abstract Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Checks what can be checked before anything is deployed (assets, images). <paramref name="resolve"/> evaluates a
    /// template value that needs no other resource, and answers null for one that does.
    /// </summary>
    public virtual void Validate(TemplateResource resource, Func<JsonNode?, JsonNode?> resolve, DeployContext context)
    {
    }

    /// <summary>The properties of <paramref name="properties"/> that are accepted but have no effect locally.</summary>
    public virtual IEnumerable<string> NotEmulated(JsonObject properties) =>
        properties.Select(p => p.Key).Where(k => !AppliedProperties.Contains(k));

    protected static IReadOnlySet<string> Set(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);
}

using BatchKit.CloudFormation.Resources;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Deploy;

/// <summary>
/// What this deploy has changed so far, so a failure can undo it, newest first: what it created is deleted, what it
/// updated in place is set back to the properties of the last deploy, and a replacement it created is deleted (the
/// resource it replaced is only deleted once the whole deploy has succeeded, so it is still there).
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-rollback-triggers.html
/// </summary>
internal sealed class DeploymentJournal
{
    private readonly List<(TemplateResource Resource, DeployedResource? Before, DeployedResource After)> _changes = [];
    private readonly HashSet<string> _recreated = new(StringComparer.Ordinal);

    public void Created(TemplateResource resource, DeployedResource after)
    {
        _changes.Add((resource, null, after));
        _recreated.Add(resource.LogicalId);
    }

    /// <param name="recreated">The resource is a new one (a replacement, or the old one was gone): what refers to it is redone too.</param>
    public void Updated(TemplateResource resource, DeployedResource before, DeployedResource after, bool recreated)
    {
        _changes.Add((resource, before, after));
        if (recreated)
        {
            _recreated.Add(resource.LogicalId);
        }
    }

    public bool WasRecreated(string logicalId) => _recreated.Contains(logicalId);

    /// <summary>Old resources that were replaced by new ones (new physical ids), to delete once the deploy has succeeded.</summary>
    public IEnumerable<DeployedResource> Replaced =>
        _changes.Where(c => c.Before is not null && c.Before.PhysicalId != c.After.PhysicalId).Select(c => c.Before!);

    /// <summary>Undoes every change, newest first; answers what could not be undone (empty when all was).</summary>
    public async Task<List<string>> RollbackAsync(DeployContext context, ResourceProvisioners provisioners)
    {
        var problems = new List<string>();
        foreach (var (resource, before, after) in Enumerable.Reverse(_changes))
        {
            var provisioner = provisioners.For(resource.Type)!;
            try
            {
                if (before is null || before.PhysicalId != after.PhysicalId)
                {
                    if (!after.Preexisting)
                    {
                        await provisioner.DeleteAsync(after, context, CancellationToken.None).ConfigureAwait(false);
                    }
                }
                else
                {
                    var previous = new ResourceRequest(resource, before.Properties, context);
                    await provisioner.UpdateAsync(previous, after, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                var what = before is null ? "could not be deleted" : "could not be put back";
                problems.Add($"{resource.LogicalId} ({resource.Type}) {after.PhysicalId}: {what}: {e.Message}");
            }
        }

        return problems;
    }
}

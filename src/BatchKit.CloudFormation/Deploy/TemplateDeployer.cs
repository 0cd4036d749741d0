using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Assets;
using BatchKit.CloudFormation.Intrinsics;
using BatchKit.CloudFormation.Planning;
using BatchKit.CloudFormation.Resources;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Deploy;

/// <summary>
/// Deploys the CloudFormation template <c>cdk synth</c> wrote into the emulator (or LocalStack), resource by resource
/// through the AWS APIs, as CloudFormation would: the whole template is checked first; resources are created or
/// updated in dependency order; a failure undoes what this deploy did; resources that left the template are deleted
/// last. The state (stack.json), outputs.json and deploy-report.json go to <see cref="DeploymentSettings.StateDirectory"/>.
/// README.md of this project says why this and not the CloudFormation API.
/// </summary>
public sealed class TemplateDeployer(DeploymentSettings settings, IProgress<string>? progress = null)
{
    private readonly ResourceProvisioners _provisioners = ResourceProvisioners.Default;

    public async Task<DeployResult> DeployAsync(CloudAssembly assembly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var template = StackTemplate.Parse(assembly.ReadTemplate());
        var previous = StackState.Load(settings.StateDirectory, assembly.StackName, settings.Region, settings.AccountId);
        using var clients = new AwsClients(settings.Endpoint, settings.Region);
        var pseudo = new PseudoParameters(settings.AccountId, settings.Region, assembly.StackName, previous.StackId);
        var context = new DeployContext(pseudo, assembly, settings, clients);
        var scope = new StackScope(template, context.Pseudo, settings.Parameters, _provisioners);
        var plan = DeploymentPlanner.Plan(template, scope, previous, context);
        var report = new DeployReport(assembly.StackName, assembly.TemplatePath);
        report.NotEvaluated.AddRange(template.Rules.Select(r => $"rule {r} (CDK's bootstrap check: a local deploy uses no bootstrap stack)"));

        var journal = new DeploymentJournal();
        var run = new DeployRun(plan, scope, previous, context, journal, report);
        try
        {
            foreach (var resource in plan.Order)
            {
                scope.Deployed[resource.LogicalId] = await ApplyAsync(resource, run, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            var problems = await journal.RollbackAsync(context, _provisioners).ConfigureAwait(false);
            throw Failed(e, problems);
        }

        var kept = await CleanupAsync(plan.Removed.Concat(journal.Replaced), context, report).ConfigureAwait(false);
        var outputs = Outputs(template, scope);
        var resources = plan.Order.Select(r => scope.Deployed[r.LogicalId]).Concat(kept).ToList();
        new StackState { StackName = previous.StackName, StackId = previous.StackId, Resources = resources }.Save(settings.StateDirectory);
        StackOutputsFile.Write(Path.Combine(settings.StateDirectory, StackOutputsFile.FileName), assembly.StackName, outputs);
        report.Save(settings.StateDirectory);
        return new DeployResult(assembly.StackName, outputs, report);
    }

    private async Task<DeployedResource> ApplyAsync(TemplateResource resource, DeployRun run, CancellationToken cancellationToken)
    {
        var provisioner = _provisioners.For(resource.Type)!;
        var request = new ResourceRequest(resource, Resolve(resource, run.Scope), run.Context);
        var current = run.Previous.Find(resource.LogicalId) is { } found && found.Type == resource.Type ? found : null;
        var journal = run.Journal;
        DeployedResource deployed;
        string action;
        try
        {
            if (current is null)
            {
                deployed = await provisioner.CreateAsync(request, cancellationToken).ConfigureAwait(false);
                journal.Created(resource, deployed);
                action = DeployReportEntry.Created;
            }
            else
            {
                var dependencyRecreated = run.Plan.Dependencies[resource.LogicalId].Any(journal.WasRecreated);
                (deployed, action) = await UpdateAsync(provisioner, request, current, dependencyRecreated, journal, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not TemplateException { LogicalId: not null } && e is not OperationCanceledException)
        {
            throw resource.Error($"{(current is null ? "create" : "update")} failed: {e.Message}", e);
        }

        var entry = provisioner.Emulated
            ? new DeployReportEntry(resource.LogicalId, resource.Type, deployed.PhysicalId, action, [.. provisioner.NotEmulated(request.Properties)])
            : new DeployReportEntry(resource.LogicalId, resource.Type, deployed.PhysicalId, DeployReportEntry.Accepted, []);
        run.Report.Add(entry);
        if (provisioner.Emulated)
        {
            progress?.Report($"{action} {resource.LogicalId} ({resource.Type}) {deployed.PhysicalId}");
        }

        return deployed;
    }

    /// <summary>Unchanged when the properties, the dependencies and the resource itself are as the last deploy left them.</summary>
    private static async Task<(DeployedResource, string)> UpdateAsync(ResourceProvisioner provisioner, ResourceRequest request, DeployedResource current,
        bool dependencyRecreated, DeploymentJournal journal, CancellationToken cancellationToken)
    {
        var exists = await provisioner.ExistsAsync(current, request.Context, cancellationToken).ConfigureAwait(false);
        if (exists && !dependencyRecreated && DeployedResource.Hash(request.Properties) == current.PropertiesHash)
        {
            return (current with { Retain = request.Resource.IsRetained }, DeployReportEntry.Unchanged);
        }

        var updated = await provisioner.UpdateAsync(request, current, cancellationToken).ConfigureAwait(false);
        var replaced = updated.PhysicalId != current.PhysicalId;
        journal.Updated(request.Resource, current, updated, recreated: replaced || !exists);
        return (updated, replaced ? DeployReportEntry.Replaced : exists ? DeployReportEntry.Updated : DeployReportEntry.Recreated);
    }

    /// <summary>The resource's properties with every intrinsic and dynamic reference resolved.</summary>
    private JsonObject Resolve(TemplateResource resource, StackScope scope)
    {
        try
        {
            var resolved = scope.Resolver.Resolve(resource.Properties) as JsonObject ?? [];
            return (JsonObject)DynamicReference.ResolveAll(resolved, settings.Secrets)!;
        }
        catch (TemplateException e) when (e.LogicalId is null)
        {
            throw resource.Error(e.Message, e);
        }
    }

    /// <summary>
    /// Deletes what left the template and what was replaced; answers the resources that could not be deleted (kept in
    /// the state, so the next deploy tries again).
    /// </summary>
    private async Task<List<DeployedResource>> CleanupAsync(IEnumerable<DeployedResource> doomed, DeployContext context, DeployReport report)
    {
        var kept = new List<DeployedResource>();
        foreach (var resource in doomed)
        {
            var provisioner = _provisioners.For(resource.Type);
            if (resource.Retain || provisioner is null || !resource.Emulated)
            {
                var action = resource.Retain ? DeployReportEntry.Retained : DeployReportEntry.Deleted;
                report.Add(new DeployReportEntry(resource.LogicalId, resource.Type, resource.PhysicalId, action, []));
                continue;
            }

            try
            {
                await provisioner.DeleteAsync(resource, context, CancellationToken.None).ConfigureAwait(false);
                report.Add(new DeployReportEntry(resource.LogicalId, resource.Type, resource.PhysicalId, DeployReportEntry.Deleted, []));
                progress?.Report($"{DeployReportEntry.Deleted} {resource.LogicalId} ({resource.Type}) {resource.PhysicalId}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                kept.Add(resource);
                report.Add(new DeployReportEntry(resource.LogicalId, resource.Type, resource.PhysicalId, DeployReportEntry.DeleteFailed, [], e.Message));
                progress?.Report($"{DeployReportEntry.DeleteFailed} {resource.LogicalId} ({resource.Type}) {resource.PhysicalId}: {e.Message}");
            }
        }

        return kept;
    }

    private static Dictionary<string, string> Outputs(StackTemplate template, StackScope scope)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var output in template.Outputs.Where(o => o.Condition is null || scope.Condition(o.Condition)))
        {
            try
            {
                outputs[output.Key] = IntrinsicResolver.Text(scope.Resolver.Resolve(output.Value), "an output");
            }
            catch (TemplateException e)
            {
                throw new TemplateException($"output {output.Key}: {e.Message}", e);
            }
        }

        return outputs;
    }

    /// <summary>A deploy in progress: what it decided, what it compares against, and what it has done so far.</summary>
    private sealed record DeployRun(
        DeploymentPlan Plan, StackScope Scope, StackState Previous, DeployContext Context, DeploymentJournal Journal, DeployReport Report);

    private static TemplateException Failed(Exception e, List<string> problems)
    {
        var rolledBack = problems.Count == 0
            ? "everything this deploy had created was removed and everything it had updated was put back"
            : "the rollback left: " + string.Join("; ", problems);
        var message = e is TemplateException ? e.Message : $"the deploy failed: {e.Message}";
        return new TemplateException($"{message} ({rolledBack})", e);
    }
}

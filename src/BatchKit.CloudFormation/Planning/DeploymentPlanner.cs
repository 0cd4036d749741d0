using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Deploy;
using BatchKit.CloudFormation.Intrinsics;
using BatchKit.CloudFormation.Resources;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Planning;

/// <summary>
/// Checks the whole template before anything is deployed, as CloudFormation validates a change set: every resource
/// type known, every intrinsic supported, every reference to an existing name (and attribute), every secret and asset
/// present, no circular dependency. Then orders the resources and finds what left the template.
/// </summary>
internal static class DeploymentPlanner
{
    public static DeploymentPlan Plan(StackTemplate template, StackScope scope, StackState previous, DeployContext context)
    {
        var active = new List<TemplateResource>();
        foreach (var resource in template.Resources)
        {
            if (resource.Condition is null || Guard(resource, () => scope.Condition(resource.Condition)))
            {
                active.Add(resource);
            }
            else
            {
                scope.Inactive.Add(resource.LogicalId);
            }
        }

        var activeIds = active.Select(r => r.LogicalId).ToHashSet(StringComparer.Ordinal);
        var dependencies = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var resource in active)
        {
            var provisioner = scope.ProvisionerFor(resource.Type) ?? throw resource.Error(
                $"unsupported resource type: BatchKit's template deployer emulates or records {string.Join(", ", ResourceProvisioners.Default.Types)}");
            dependencies[resource.LogicalId] = Guard(resource, () => DependenciesOf(resource, template, scope, activeIds));
            Guard(resource, () => CheckSecrets(resource, context.Settings.Secrets));
            Guard(resource, () => provisioner.Validate(resource, value => ResolveStatic(value, scope), context));
        }

        foreach (var output in template.Outputs)
        {
            Guard($"output {output.Key}", () => CheckReferences(TemplateReference.FindAll(output.Value), template, scope));
        }

        var order = DependencyGraph.Order(active, dependencies);
        var removed = previous.Resources.Where(r => !activeIds.Contains(r.LogicalId) || template.Resource(r.LogicalId)!.Type != r.Type).Reverse().ToList();
        return new DeploymentPlan(order, dependencies, removed);
    }

    private static HashSet<string> DependenciesOf(TemplateResource resource, StackTemplate template, StackScope scope, HashSet<string> activeIds)
    {
        var references = TemplateReference.FindAll(resource.Properties);
        CheckReferences(references, template, scope);
        foreach (var dependsOn in resource.DependsOn.Where(d => template.Resource(d) is null))
        {
            throw new TemplateException($"DependsOn names {dependsOn}, which is not a resource of the template");
        }

        return references.Where(r => r.Kind != TemplateReference.Kinds.Condition).Select(r => r.Target)
            .Concat(resource.DependsOn)
            .Where(activeIds.Contains)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static void CheckReferences(IEnumerable<TemplateReference> references, StackTemplate template, StackScope scope)
    {
        foreach (var reference in references)
        {
            var target = template.Resource(reference.Target);
            switch (reference.Kind)
            {
                case TemplateReference.Kinds.Condition when !template.Conditions.ContainsKey(reference.Target):
                    throw new TemplateException($"Fn::If names the condition {reference.Target}, which the Conditions section does not declare");
                case TemplateReference.Kinds.Ref when target is null && !template.Parameters.ContainsKey(reference.Target)
                    && scope.Pseudo.Value(reference.Target) is null && reference.Target != IntrinsicResolver.NoValueName:
                    throw new TemplateException($"Ref {reference.Target}: not a parameter, pseudo parameter or resource of the template");
                case TemplateReference.Kinds.GetAtt when target is null:
                    throw new TemplateException($"Fn::GetAtt {reference.Target}.{reference.Attribute}: {reference.Target} is not a resource of the template");
                case TemplateReference.Kinds.GetAtt
                    when scope.ProvisionerFor(target.Type) is { } provisioner && !provisioner.Attributes.Contains(reference.Attribute!):
                    var has = provisioner.Attributes.Count == 0 ? "none" : string.Join(", ", provisioner.Attributes);
                    throw new TemplateException(
                        $"Fn::GetAtt {reference.Target}.{reference.Attribute}: {target.Type} has no attribute {reference.Attribute} here (it has: {has})");
            }
        }
    }

    private static void CheckSecrets(TemplateResource resource, IReadOnlyDictionary<string, string> secrets)
    {
        foreach (var reference in DynamicReference.FindAll(resource.Properties).Where(r => !secrets.ContainsKey(r.SecretId)))
        {
            throw new TemplateException($"the dynamic reference {reference.Text} names the secret '{reference.SecretId}', which has no local value "
                + "(the deploy supplies secrets by name)");
        }
    }

    /// <summary>The value resolved when it refers to no resource; null when it does (it can only be resolved during the deploy).</summary>
    private static JsonNode? ResolveStatic(JsonNode? value, StackScope scope) =>
        TemplateReference.FindAll(value).Any(r => r.Kind != TemplateReference.Kinds.Condition && scope.IsResource(r.Target))
            ? null
            : scope.Resolver.Resolve(value);

    private static T Guard<T>(TemplateResource resource, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (TemplateException e) when (e.LogicalId is null)
        {
            throw resource.Error(e.Message, e);
        }
    }

    private static void Guard(TemplateResource resource, Action check) => Guard(resource, () =>
    {
        check();
        return 0;
    });

    private static void Guard(string what, Action check)
    {
        try
        {
            check();
        }
        catch (TemplateException e) when (e.LogicalId is null)
        {
            throw new TemplateException($"{what}: {e.Message}", e);
        }
    }
}

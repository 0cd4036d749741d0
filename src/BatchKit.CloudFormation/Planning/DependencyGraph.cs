using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Planning;

/// <summary>
/// The order resources are created in: each after everything it depends on (its DependsOn, Refs, Fn::GetAtts and
/// Fn::Sub variables), ties broken by template order. A circular dependency is refused naming every resource on the
/// cycle, as CloudFormation refuses it. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html
/// </summary>
internal static class DependencyGraph
{
    /// <param name="resources">The resources to order, in template order.</param>
    /// <param name="dependencies">For each logical id, the logical ids (among <paramref name="resources"/>) it depends on.</param>
    public static IReadOnlyList<TemplateResource> Order(
        IReadOnlyList<TemplateResource> resources, IReadOnlyDictionary<string, IReadOnlySet<string>> dependencies)
    {
        var position = resources.Select((r, i) => (r.LogicalId, i)).ToDictionary(p => p.LogicalId, p => p.i, StringComparer.Ordinal);
        var waitingOn = resources.ToDictionary(r => r.LogicalId, r => dependencies.GetValueOrDefault(r.LogicalId)?.Count ?? 0, StringComparer.Ordinal);
        var dependents = resources.ToDictionary(r => r.LogicalId, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (id, on) in dependencies)
        {
            foreach (var dependency in on)
            {
                dependents[dependency].Add(id);
            }
        }

        var ready = new PriorityQueue<string, int>(resources.Where(r => waitingOn[r.LogicalId] == 0).Select(r => (r.LogicalId, position[r.LogicalId])));
        var ordered = new List<TemplateResource>(resources.Count);
        while (ready.TryDequeue(out var id, out _))
        {
            ordered.Add(resources[position[id]]);
            foreach (var dependent in dependents[id].Where(d => --waitingOn[d] == 0))
            {
                ready.Enqueue(dependent, position[dependent]);
            }
        }

        if (ordered.Count < resources.Count)
        {
            var cycle = FindCycle(resources.Where(r => waitingOn[r.LogicalId] > 0).Select(r => r.LogicalId).ToHashSet(StringComparer.Ordinal), dependencies);
            var named = cycle.Select(id => $"{id} ({resources[position[id]].Type})");
            throw new TemplateException($"circular dependency between resources: {string.Join(" -> ", named)}");
        }

        return ordered;
    }

    /// <summary>A cycle among <paramref name="stuck"/> (each of which depends on another of them), first resource repeated at the end.</summary>
    private static List<string> FindCycle(HashSet<string> stuck, IReadOnlyDictionary<string, IReadOnlySet<string>> dependencies)
    {
        var path = new List<string>();
        var current = stuck.First();
        while (!path.Contains(current))
        {
            path.Add(current);
            current = dependencies[current].First(stuck.Contains);
        }

        var cycle = path[path.IndexOf(current)..];
        cycle.Add(current);
        return cycle;
    }
}

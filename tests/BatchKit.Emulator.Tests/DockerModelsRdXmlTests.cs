using System.Reflection;
using System.Xml.Linq;
using Docker.DotNet.Models;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// The Native AOT emulator's Docker.DotNet deserializes with Newtonsoft.Json, which makes each model's List&lt;T&gt; and
/// Dictionary&lt;K,V&gt; by reflection: a collection Native AOT did not compile fails only at run time (MissingMethodException
/// on `batchkit up`'s leftover sweep, before this file existed). Runtime/DockerModels.rd.xml names them; this walks the
/// models the emulator reads and sends and fails on any collection the file does not name.
/// </summary>
public sealed class DockerModelsRdXmlTests
{
    // What DockerEngine, ContainerLauncher and RunningContainer read from the engine or send to it.
    private static readonly Type[] Roots =
    [
        typeof(IList<ContainerListResponse>), typeof(ContainerInspectResponse), typeof(ImageInspectResponse),
        typeof(CreateContainerResponse), typeof(ContainerWaitResponse), typeof(CreateContainerParameters),
    ];

    [Fact]
    public void Every_collection_of_the_models_the_emulator_reads_is_compiled_for_Native_AOT()
    {
        var file = Path.Combine(RepositoryPaths.Root, "src", "BatchKit.Emulator", "Runtime", "DockerModels.rd.xml");
        var named = XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "Type")
            .Select(e => (string)e.Attribute("Name")!).ToHashSet(StringComparer.Ordinal);

        var needed = CollectionsOf(Roots);
        var missing = needed.Where(c => !named.Contains(c)).ToList();

        // The walk reaches the nested value-type dictionaries (ExposedPorts, Volumes), the kind Native AOT cannot make late.
        Assert.Contains(RdXmlName(typeof(Dictionary<string, EmptyStruct>)), needed);
        Assert.True(missing.Count == 0, $"add to {file}:\n" + string.Join('\n', missing.Select(m => $"      <Type Name=\"{m}\" Dynamic=\"Required All\" />")));
    }

    /// <summary>The concrete List and Dictionary that Newtonsoft.Json makes for every collection reachable from the roots.</summary>
    private static SortedSet<string> CollectionsOf(IEnumerable<Type> roots)
    {
        var models = typeof(ContainerListResponse).Assembly;
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(roots);
        var collections = new SortedSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            if (type.IsGenericType && Concrete(type) is { } concrete)
            {
                collections.Add(RdXmlName(concrete));
            }

            var next = type.IsGenericType ? type.GetGenericArguments()
                : type.Assembly == models ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType).ToArray()
                : [];
            foreach (var t in next)
            {
                queue.Enqueue(t);
            }
        }

        return collections;
    }

    private static Type? Concrete(Type type)
    {
        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (definition == typeof(IList<>) || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>)
            || definition == typeof(IReadOnlyList<>) || definition == typeof(List<>))
        {
            return typeof(List<>).MakeGenericType(arguments);
        }

        return definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>)
            ? typeof(Dictionary<,>).MakeGenericType(arguments)
            : null; // Nullable<T> of primitives: compiled with the models
    }

    /// <summary>The rd.xml spelling: System.Collections.Generic.List`1[[Docker.DotNet.Models.Port,Docker.DotNet]].</summary>
    private static string RdXmlName(Type type) => type.IsGenericType
        ? $"{type.GetGenericTypeDefinition().FullName}[{string.Join(",", type.GetGenericArguments().Select(ArgumentName))}]"
        : type.FullName!;

    private static string ArgumentName(Type argument) => $"[{RdXmlName(argument)},{argument.Assembly.GetName().Name}]";
}

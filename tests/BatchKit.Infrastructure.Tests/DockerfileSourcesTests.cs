using System.Xml.Linq;
using BatchKit.Testing;

namespace BatchKit.Infrastructure.Tests;

/// <summary>
/// Each image's Dockerfile copies its project's sources folder by folder (so an unrelated change keeps the layer
/// cached). A project reference added later and not copied breaks the image build only where the image is built
/// (CI once failed on exactly this: the emulator's Dockerfile lacked BatchKit.Jsonata). This checks it in a second.
/// </summary>
public sealed class DockerfileSourcesTests
{
    [Theory]
    [InlineData("BatchKit.Worker")]
    [InlineData("BatchKit.Emulator")]
    public void Dockerfile_copies_exactly_the_projects_its_project_references(string project)
    {
        var copied = DockerfileLines(project)
            .Where(l => l.StartsWith("COPY src/", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1].TrimEnd('/')["src/".Length..])
            .Order(StringComparer.Ordinal);

        Assert.Equal(ReferenceClosure(project).Order(StringComparer.Ordinal), copied);
    }

    /// <summary>
    /// Directory.Build.targets links build/PrefaultWritableData.c into every Native AOT binary; an image that does not
    /// copy it (or a build setting added later) would build a binary unlike the one `make artifacts` publishes.
    /// </summary>
    [Theory]
    [InlineData("BatchKit.Worker")]
    [InlineData("BatchKit.Emulator")]
    public void Dockerfile_copies_every_build_setting_of_the_repository(string project)
    {
        var copied = DockerfileLines(project)
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToHashSet(StringComparer.Ordinal);
        var settings = Directory.GetFiles(RepositoryPaths.Root, "Directory.*").Select(Path.GetFileName).OfType<string>()
            .Append("global.json").Append("build/");

        Assert.All(settings, setting => Assert.Contains(setting, copied));
    }

    private static string[] DockerfileLines(string project) => File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "src", project, "Dockerfile"));

    /// <summary>The project and every project it references, directly or through another.</summary>
    private static HashSet<string> ReferenceClosure(string project)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next)) continue;
            var csproj = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", next, next + ".csproj"));
            foreach (var reference in csproj.Descendants("ProjectReference"))
            {
                var include = (string)reference.Attribute("Include")!;
                pending.Push(Path.GetFileNameWithoutExtension(include.Replace('\\', '/')));
            }
        }
        return found;
    }
}

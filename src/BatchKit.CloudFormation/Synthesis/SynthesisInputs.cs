using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Synthesis;

/// <summary>
/// The hash of everything a synthesis depends on: the CDK app's project and the projects it references (sources, not
/// bin/obj), the repository's build settings, cdk.json, the CDK CLI's lock file, the context, and the content of the
/// asset directories. Equal hashes mean the template and assets would come out the same, so synthesis is skipped.
/// The worker's Docker image asset (the repository as build context) is not an input: locally the image is the one
/// the deploy names for its Dockerfile, not one built from the asset.
/// </summary>
internal static partial class SynthesisInputs
{
    private static readonly string[] RepositoryFiles =
        ["cdk.json", "package-lock.json", "global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"];

    public static string Hash(string repositoryRoot, SynthesisRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in RepositoryFiles.Select(f => Path.Combine(repositoryRoot, f)).Where(File.Exists))
        {
            AddFile(hash, repositoryRoot, file);
        }

        foreach (var project in AppProjects(repositoryRoot))
        {
            AddDirectory(hash, repositoryRoot, project, skipBuildOutput: true);
        }

        foreach (var (key, value) in request.Context.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Add(hash, $"context {key}={value}\n");
        }

        foreach (var directory in request.AssetDirectories)
        {
            Add(hash, $"asset {Path.GetFullPath(directory)}\n");
            AddDirectory(hash, directory, directory, skipBuildOutput: false);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The CDK app's project directory (cdk.json's <c>"app": "dotnet run --project DIR"</c>) and those it references, transitively.</summary>
    internal static IReadOnlyList<string> AppProjects(string repositoryRoot)
    {
        var cdkJson = File.ReadAllText(Path.Combine(repositoryRoot, "cdk.json"));
        var app = AppProject().Match(cdkJson);
        if (!app.Success)
        {
            throw new TemplateException($"{repositoryRoot}/cdk.json has no \"app\": \"dotnet run --project DIR\" to find the CDK app's sources by");
        }

        var pending = new Stack<string>([Path.GetFullPath(Path.Combine(repositoryRoot, app.Groups[1].Value))]);
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var directory))
        {
            if (!seen.Add(directory))
            {
                continue;
            }

            foreach (var project in Directory.EnumerateFiles(directory, "*.csproj"))
            {
                foreach (Match reference in ProjectReference().Matches(File.ReadAllText(project)))
                {
                    pending.Push(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(directory, reference.Groups[1].Value.Replace('\\', '/'))))!);
                }
            }
        }

        return [.. seen];
    }

    private static void AddDirectory(IncrementalHash hash, string root, string directory, bool skipBuildOutput)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !skipBuildOutput || !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            AddFile(hash, root, file);
        }
    }

    private static void AddFile(IncrementalHash hash, string root, string file)
    {
        Add(hash, $"file {Path.GetRelativePath(root, file)} {new FileInfo(file).Length}\n");
        using var stream = File.OpenRead(file);
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
        }
    }

    private static void Add(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));

    [GeneratedRegex("\"app\"\\s*:\\s*\"[^\"]*--project\\s+([^\\s\"]+)")]
    private static partial Regex AppProject();

    [GeneratedRegex("<ProjectReference\\s+Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();
}

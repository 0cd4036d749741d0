using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Assets;

/// <summary>
/// What <c>cdk synth</c> wrote (cdk.out): the stack's template and its assets manifest, read through manifest.json.
/// https://docs.aws.amazon.com/cdk/v2/guide/deploy.html#deploy-how-synth
/// </summary>
public sealed class CloudAssembly
{
    private CloudAssembly(string directory, string stackName, string templatePath, IReadOnlyList<FileAsset> files, IReadOnlyList<ImageAsset> images)
    {
        Directory = directory;
        StackName = stackName;
        TemplatePath = templatePath;
        Files = files;
        Images = images;
    }

    public string Directory { get; }

    public string StackName { get; }

    public string TemplatePath { get; }

    public IReadOnlyList<FileAsset> Files { get; }

    public IReadOnlyList<ImageAsset> Images { get; }

    /// <summary>
    /// The one CloudFormation stack of the assembly in <paramref name="directory"/> (or the one named
    /// <paramref name="stackName"/>), with its assets.
    /// </summary>
    public static CloudAssembly Load(string directory, string? stackName = null)
    {
        var root = Path.GetFullPath(directory);
        var manifest = ReadJson(Path.Combine(root, "manifest.json"));
        var artifacts = manifest["artifacts"] as JsonObject ?? throw new TemplateException($"{root}/manifest.json has no artifacts");
        var stacks = artifacts.Where(a => (string?)a.Value?["type"] == "aws:cloudformation:stack" && (stackName is null || a.Key == stackName)).ToList();
        if (stacks.Count != 1)
        {
            throw new TemplateException(stacks.Count == 0
                ? $"{root} holds no CloudFormation stack{(stackName is null ? "" : " named " + stackName)}: run cdk synth"
                : $"{root} holds several stacks ({string.Join(", ", stacks.Select(s => s.Key))}): name the one to deploy");
        }

        var (name, stack) = (stacks[0].Key, stacks[0].Value!);
        var templateFile = (string?)stack["properties"]?["templateFile"]
            ?? throw new TemplateException($"stack {name} in {root}/manifest.json has no templateFile");
        var template = Path.Combine(root, templateFile);
        var assetManifests = (stack["dependencies"] as JsonArray ?? [])
            .Select(d => artifacts[(string)d!] is { } dependency && (string?)dependency["type"] == "cdk:asset-manifest"
                ? (string?)dependency["properties"]?["file"]
                : null)
            .OfType<string>()
            .Select(file => ReadJson(Path.Combine(root, file)))
            .ToList();
        var files = assetManifests.SelectMany(m => FilesOf(root, m)).ToList();
        return new CloudAssembly(root, name, template, files, [.. assetManifests.SelectMany(m => ImagesOf(root, m))]);
    }

    public string ReadTemplate() => File.ReadAllText(TemplatePath);

    private static IEnumerable<FileAsset> FilesOf(string root, JsonObject manifest) =>
        (manifest["files"] as JsonObject ?? []).SelectMany(f => Destinations(f.Value).Select(d => new FileAsset(
            f.Key,
            Path.Combine(root, (string?)f.Value!["source"]?["path"] ?? throw new TemplateException($"file asset {f.Key} has no source path")),
            (string?)f.Value["source"]?["packaging"] ?? "file",
            (string?)d["bucketName"] ?? throw new TemplateException($"file asset {f.Key} has no destination bucket"),
            (string?)d["objectKey"] ?? throw new TemplateException($"file asset {f.Key} has no destination key"))));

    private static IEnumerable<ImageAsset> ImagesOf(string root, JsonObject manifest) =>
        (manifest["dockerImages"] as JsonObject ?? []).SelectMany(i => Destinations(i.Value).Select(d => new ImageAsset(
            i.Key,
            Path.Combine(root, (string?)i.Value!["source"]?["directory"] ?? throw new TemplateException($"image asset {i.Key} has no source directory")),
            (string?)i.Value["source"]?["dockerFile"] ?? "Dockerfile",
            (string?)d["repositoryName"] ?? throw new TemplateException($"image asset {i.Key} has no destination repository"),
            (string?)d["imageTag"] ?? throw new TemplateException($"image asset {i.Key} has no destination tag"))));

    private static IEnumerable<JsonObject> Destinations(JsonNode? asset) =>
        (asset?["destinations"] as JsonObject ?? []).Select(d => d.Value as JsonObject).OfType<JsonObject>();

    private static JsonObject ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new TemplateException($"{path} is not a JSON object");
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new TemplateException($"cannot read {path}: {e.Message}", e);
        }
    }
}

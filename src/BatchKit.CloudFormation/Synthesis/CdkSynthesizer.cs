using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Assets;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Synthesis;

/// <summary>
/// Synthesizes the CDK app with the CDK CLI the repository pins (node_modules/.bin/cdk; <c>npm ci</c> when it is
/// missing), into a cloud assembly reused while the hash of its inputs (<see cref="SynthesisInputs"/>) and its
/// template are unchanged: a synthesis takes about 20 s, a reuse a fraction of one. Processes of this repository
/// synthesize one at a time (a lock file in .batchkit/), so parallel test projects share one synthesis.
/// https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-synth.html
/// </summary>
public sealed class CdkSynthesizer(string repositoryRoot, IProgress<string>? progress = null)
{
    public const string StampFile = "batchkit-synth.json";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SynthTimeout = TimeSpan.FromMinutes(8);

    /// <summary>The CLI's environment: no version check against npm and no notices from the internet.</summary>
    private static readonly Dictionary<string, string> CdkEnvironment = new() { ["CDK_DISABLE_VERSION_CHECK"] = "1" };

    public string Cdk => Path.Combine(repositoryRoot, "node_modules", ".bin", "cdk");

    /// <summary>The cloud assembly for <paramref name="request"/>: the one already there when its inputs are unchanged, else a new synthesis.</summary>
    public async Task<CloudAssembly> SynthesizeAsync(SynthesisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var directory in request.AssetDirectories.Where(d => !Directory.Exists(d)))
        {
            throw new TemplateException($"the asset directory {directory} does not exist: publish what the CDK app packs there first (make artifacts)");
        }

        await using var held = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        var output = Path.GetFullPath(request.OutputDirectory);
        var inputs = SynthesisInputs.Hash(repositoryRoot, request);
        if (IsCurrent(output, inputs))
        {
            progress?.Report($"cloud assembly {Path.GetRelativePath(repositoryRoot, output)} is current (inputs {inputs[..12]}): not synthesized again");
            return CloudAssembly.Load(output);
        }

        await EnsureCdkAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report($"synthesizing the CDK app into {Path.GetRelativePath(repositoryRoot, output)} (inputs {inputs[..12]} changed)");
        // Beside the output would be inside the worker image's build context (the repository root) when the output is
        // cdk.out; .batchkit/ is left out of that context (.dockerignore), so the assembly is written there first.
        var fresh = Path.Combine(repositoryRoot, ".batchkit", "synth-new", Path.GetFileName(output));
        DeleteDirectory(fresh);
        var context = request.Context.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => new[] { "-c", $"{c.Key}={c.Value}" });
        string[] arguments = ["synth", "--quiet", "--no-notices", "--output", fresh, .. context];
        await ToolProcess.RunAsync(Cdk, arguments, repositoryRoot, CdkEnvironment, SynthTimeout, cancellationToken).ConfigureAwait(false);

        var assembly = CloudAssembly.Load(fresh);
        WriteStamp(fresh, inputs, assembly);
        DeleteDirectory(output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        Directory.Move(fresh, output);
        return CloudAssembly.Load(output);
    }

    private static bool IsCurrent(string output, string inputs)
    {
        try
        {
            var stamp = JsonNode.Parse(File.ReadAllText(Path.Combine(output, StampFile)));
            return (string?)stamp?["inputs"] == inputs && (string?)stamp["template"] == TemplateHash(CloudAssembly.Load(output));
        }
        catch (Exception e) when (e is IOException or JsonException or TemplateException or UnauthorizedAccessException)
        {
            return false; // no stamp, no assembly, or another tool (make synth) rewrote it: synthesize.
        }
    }

    private static void WriteStamp(string output, string inputs, CloudAssembly assembly) =>
        File.WriteAllText(Path.Combine(output, StampFile), new JsonObject { ["inputs"] = inputs, ["template"] = TemplateHash(assembly) }.ToJsonString());

    private static string TemplateHash(CloudAssembly assembly) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(assembly.TemplatePath)));

    private async Task EnsureCdkAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Cdk))
        {
            return;
        }

        progress?.Report("installing the pinned CDK CLI (npm ci)");
        string[] arguments = ["ci", "--no-audit", "--no-fund", "--loglevel=error"];
        await ToolProcess.RunAsync("npm", arguments, repositoryRoot, new Dictionary<string, string>(), SynthTimeout, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(Cdk))
        {
            throw new TemplateException($"npm ci did not install {Cdk}: is aws-cdk in {repositoryRoot}/package.json?");
        }
    }

    /// <summary>An exclusive lock on .batchkit/synth.lock, waited for up to <see cref="LockTimeout"/> (another process is synthesizing).</summary>
    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(repositoryRoot, ".batchkit", "synth.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new TemplateException($"another synthesis held {path} for {LockTimeout.TotalMinutes:0} min; is a cdk synth stuck?", e);
            }
        }
    }

    private static void DeleteDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

using BatchKit.Emulator.Runtime;

namespace BatchKit.Containers.Tests;

/// <summary>The images `make images` builds, which these tests run; a missing one fails with how to build it.</summary>
internal static class LocalImages
{
    /// <summary>The Debian minbase: a shell and coreutils, for tasks whose command is a script.</summary>
    public const string Debian = "batchkit/debian:bookworm";

    /// <summary>The worker built from src/BatchKit.Worker/Dockerfile (its tag is the version in Directory.Build.props).</summary>
    public static readonly string Worker = "batchkit/worker:" + typeof(LocalImages).Assembly.GetName().Version!.ToString(3);

    public static async Task RequireAsync(params string[] images)
    {
        using var engine = new DockerEngine(DockerEngine.DefaultEndpoint);
        Assert.True(await engine.AnswersAsync(CancellationToken.None),
            $"no Docker engine answers at {engine.Endpoint}: start one with `make dockerd` (scripts/dockerd.sh start)");
        foreach (var image in images)
        {
            Assert.True(await engine.HasImageAsync(image, CancellationToken.None), $"the image {image} is missing: build it with `make images`");
        }
    }

    /// <summary>The ids of the emulator-labelled containers (running or not) whose labels match.</summary>
    public static async Task<IReadOnlyList<string>> ContainersAsync(Func<IDictionary<string, string>, bool> match)
    {
        using var engine = new DockerEngine(DockerEngine.DefaultEndpoint);
        var all = await engine.Client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [EmulatorInstance.Label] = true } },
        });
        return [.. all.Where(c => match(c.Labels)).Select(c => c.ID)];
    }
}

using Docker.DotNet;
using Docker.DotNet.Models;

namespace BatchKit.Emulator.Runtime;

/// <summary>
/// The Docker engine the container runtime talks to (Docker.DotNet over its Unix socket): whether it answers, whether
/// an image is present locally (no registry is reachable, so nothing is ever pulled), and the sweep of containers that
/// emulators left behind. https://docs.docker.com/reference/api/engine/
/// </summary>
internal sealed class DockerEngine : IDisposable
{
    /// <summary>The engine's usual socket; DOCKER_HOST overrides it, as for the docker CLI.</summary>
    public static readonly Uri DefaultEndpoint = new(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host
        ? host
        : "unix:///var/run/docker.sock");

    private static readonly TimeSpan PingDeadline = TimeSpan.FromSeconds(3);

    public DockerEngine(Uri endpoint)
    {
        Endpoint = endpoint;
        // Calls that stream (logs, wait) have no deadline of their own in Docker.DotNet; the others get this one.
        Client = new DockerClientConfiguration(endpoint, defaultTimeout: TimeSpan.FromSeconds(60)).CreateClient();
    }

    public Uri Endpoint { get; }

    public DockerClient Client { get; }

    /// <summary>Whether an engine answers on the socket within a few seconds.</summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(PingDeadline);
        try
        {
            await Client.System.PingAsync(deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or TimeoutException
                                      or System.Net.Sockets.SocketException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    public async Task<bool> HasImageAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await Client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Removes the containers of emulators that no longer run (a crash, a kill -9); returns their ids.</summary>
    public async Task<IReadOnlyList<string>> RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        var containers = await LabelledAsync(cancellationToken).ConfigureAwait(false);
        var leftovers = new List<ContainerListResponse>();
        foreach (var container in containers)
        {
            var running = EmulatorInstance.IsRunning(container.Labels)
                ?? await RunsAsync(container.Labels[EmulatorInstance.ContainerLabel], cancellationToken).ConfigureAwait(false);
            if (!running)
            {
                leftovers.Add(container);
            }
        }

        return await RemoveAsync(leftovers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every container labelled with <paramref name="owner"/> (an emulator's own, when it stops).</summary>
    public async Task<IReadOnlyList<string>> RemoveOwnedByAsync(string owner, CancellationToken cancellationToken) =>
        await RemoveLabelledAsync(o => o == owner, cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<string>> RemoveLabelledAsync(Func<string, bool> remove, CancellationToken cancellationToken)
    {
        var containers = await LabelledAsync(cancellationToken).ConfigureAwait(false);
        return await RemoveAsync([.. containers.Where(c => remove(c.Labels[EmulatorInstance.Label]))], cancellationToken).ConfigureAwait(false);
    }

    private async Task<IList<ContainerListResponse>> LabelledAsync(CancellationToken cancellationToken) =>
        await Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [EmulatorInstance.Label] = true } },
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Whether the container <paramref name="id"/> (an emulator's own, in another pid namespace) still runs.</summary>
    private async Task<bool> RunsAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await Client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false)).State.Running;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    private async Task<IReadOnlyList<string>> RemoveAsync(IEnumerable<ContainerListResponse> containers, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        foreach (var container in containers)
        {
            try
            {
                await Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, cancellationToken)
                    .ConfigureAwait(false);
                removed.Add(container.ID);
            }
            catch (DockerApiException e) when (e is DockerContainerNotFoundException || e.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // Removed, or being removed, meanwhile (by its own emulator, or the sweep of another starting at once).
            }
        }

        return removed;
    }

    public void Dispose() => Client.Dispose();
}

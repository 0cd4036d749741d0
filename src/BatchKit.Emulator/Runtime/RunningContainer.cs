using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace BatchKit.Emulator.Runtime;

/// <summary>
/// A started container: its output is followed from the engine's log (stdout and stderr, line by line, to the same
/// callback a process uses), its end is the engine's wait, and an OOM kill is reported as ECS does (exit 137,
/// OutOfMemoryError). Disposing it kills it if still running and removes it.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html
/// </summary>
internal sealed class RunningContainer : IRunningWorkload
{
    private const string OutOfMemory = "OutOfMemoryError: Container killed due to memory usage";
    private readonly DockerClient _client;
    private readonly Action<string> _output;

    public RunningContainer(DockerClient client, string id, Action<string> output)
    {
        _client = client;
        _output = output;
        Id = id;
        Exited = WaitAsync();
    }

    public string Id { get; }

    public string Kind => ContainerLauncher.KindName;

    public Task<WorkloadExit> Exited { get; }

    private async Task<WorkloadExit> WaitAsync()
    {
        var output = FollowOutputAsync();
        ContainerWaitResponse wait;
        try
        {
            wait = await _client.Containers.WaitContainerAsync(Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            await output.ConfigureAwait(false);
            return new WorkloadExit(null, "the container was removed before it ended");
        }

        await output.ConfigureAwait(false); // the log ends with the container: every line is delivered before the exit
        try
        {
            var state = (await _client.Containers.InspectContainerAsync(Id, CancellationToken.None).ConfigureAwait(false)).State;
            return state.OOMKilled ? new WorkloadExit(137, OutOfMemory) : new WorkloadExit((int)wait.StatusCode);
        }
        catch (DockerContainerNotFoundException)
        {
            return new WorkloadExit((int)wait.StatusCode); // removed as it ended (disposed while running)
        }
    }

    private async Task FollowOutputAsync()
    {
        try
        {
            await CopyOutputAsync().ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Removed before its log was opened: it printed nothing anyone will read.
        }
    }

    private async Task CopyOutputAsync()
    {
        var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = true };
        using var stream = await _client.Containers.GetContainerLogsAsync(Id, tty: false, parameters, CancellationToken.None).ConfigureAwait(false);
        var lines = new Dictionary<MultiplexedStream.TargetStream, LineSplitter>
        {
            [MultiplexedStream.TargetStream.StandardOut] = new(_output),
            [MultiplexedStream.TargetStream.StandardError] = new(_output),
        };
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, CancellationToken.None).ConfigureAwait(false);
            if (read.EOF)
            {
                break;
            }

            if (lines.TryGetValue(read.Target, out var splitter))
            {
                splitter.Add(buffer.AsSpan(0, read.Count));
            }
        }

        foreach (var splitter in lines.Values)
        {
            splitter.Flush();
        }
    }

    public async Task StopAsync(TimeSpan grace)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        try
        {
            // docker stop: SIGTERM, then SIGKILL once the grace is over (whole seconds, as the engine counts them).
            var seconds = (uint)Math.Ceiling(Math.Max(0, grace.TotalSeconds));
            await _client.Containers.StopContainerAsync(Id, new ContainerStopParameters { WaitBeforeKillSeconds = seconds }, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Removed meanwhile.
        }

        await Exited.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Force-removing kills it first if it still runs; the wait and the log then end.
            await _client.Containers.RemoveContainerAsync(Id, new ContainerRemoveParameters { Force = true }, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already removed.
        }

        await Exited.ConfigureAwait(false);
    }

    /// <summary>Bytes of one stream to lines (UTF-8, LF or CRLF), a partial line kept until its end arrives.</summary>
    private sealed class LineSplitter(Action<string> output)
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private readonly StringBuilder _line = new();
        private char[] _chars = [];

        public void Add(ReadOnlySpan<byte> bytes)
        {
            if (_chars.Length < Encoding.UTF8.GetMaxCharCount(bytes.Length))
            {
                _chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
            }

            var count = _decoder.GetChars(bytes, _chars, flush: false);
            foreach (var c in _chars.AsSpan(0, count))
            {
                if (c == '\n')
                {
                    Emit();
                }
                else
                {
                    _line.Append(c);
                }
            }
        }

        public void Flush()
        {
            if (_line.Length > 0)
            {
                Emit();
            }
        }

        private void Emit()
        {
            var length = _line.Length > 0 && _line[^1] == '\r' ? _line.Length - 1 : _line.Length;
            output(_line.ToString(0, length));
            _line.Clear();
        }
    }
}

using System.Diagnostics;

namespace BatchKit.Emulator.Services.Ecs;

/// <summary>
/// Runs a task's container as a real child process: the image maps to a local command, the environment is the task
/// definition's plus the overrides', plus what a task on AWS would find (AWS_ENDPOINT_URL pointing back here as an IP
/// literal, so AWSSDK.S3 uses path-style; dummy credentials; the region). A semaphore caps concurrent processes.
/// Processes are stopped by their own pid (whole tree) on StopTask and when the emulator shuts down.
/// </summary>
internal sealed class EcsTaskRunner(EmulatorOptions options, Func<Uri> endpoint, TimeProvider time) : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentTasks));
    private readonly BackgroundWork _work = new();

    public void Start(EcsTask task, string image, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? commandOverride)
    {
        _work.Start(() => RunAsync(task, image, environment, commandOverride));
    }

    public void Stop(EcsTask task, string reason)
    {
        if (task.ProcessId is { } pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Already exited.
            }
        }

        task.Stop(time.GetUtcNow(), null, reason);
    }

    private async Task RunAsync(EcsTask task, string image, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? commandOverride)
    {
        if (!options.EcsImageCommands.TryGetValue(image, out var command) || command.Length == 0)
        {
            task.Stop(time.GetUtcNow(), null, $"CannotPullContainerError: the image '{image}' is not mapped to a local command in the emulator's configuration (EcsImageCommands)");
            return;
        }

        try
        {
            await _slots.WaitAsync(_work.Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            task.Stop(time.GetUtcNow(), null, "Task stopped: the emulator shut down before it started");
            return;
        }

        try
        {
            if (task.LastStatus == "STOPPED")
            {
                return; // StopTask while it waited for a slot: never start it.
            }

            var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in command.Skip(1).Concat(commandOverride ?? []))
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["AWS_ENDPOINT_URL"] = endpoint().ToString().TrimEnd('/');
            start.Environment["AWS_ACCESS_KEY_ID"] = "test";
            start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
            start.Environment["AWS_REGION"] = options.Region;
            start.Environment["AWS_DEFAULT_REGION"] = options.Region;
            start.Environment["ECS_CONTAINER_METADATA_URI_V4"] = $"{endpoint().ToString().TrimEnd('/')}/_batchkit/ecs/metadata/{task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..]}";
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(task, e.Data);
            process.ErrorDataReceived += (_, e) => Append(task, e.Data);
            process.Start();
            task.ProcessId = process.Id;
            if (!task.Running(time.GetUtcNow()))
            {
                // Stopped between the check above and the start: StopTask saw no process yet, so end it here.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                return;
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(_work.Stopping).ConfigureAwait(false);
                task.Stop(time.GetUtcNow(), process.ExitCode, "Essential container in task exited");
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                task.Stop(time.GetUtcNow(), null, "Task stopped: the emulator shut down");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            task.Stop(time.GetUtcNow(), null, $"CannotStartContainerError: '{command[0]}' could not be started: {e.Message}");
        }
        finally
        {
            _slots.Release();
        }
    }

    private static void Append(EcsTask task, string? line)
    {
        if (line is not null)
        {
            task.Append(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _work.DisposeAsync().ConfigureAwait(false); // kills and awaits every task process
        _slots.Dispose();
    }
}

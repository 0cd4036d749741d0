using System.CommandLine;
using System.Globalization;
using BatchKit.Cli.Local;
using BatchKit.Contracts.Worker;
using BatchKit.Deployment;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary>
/// <c>batchkit up</c>: starts the embedded emulator and the Slack stub (WireMock.Net, as <c>batchkit slack-stub</c>) in
/// the background (pid files and logs under .batchkit/), then deploys the pipeline into it. With <c>--engine localstack</c> it deploys into a LocalStack
/// that docker compose started (make up ENGINE=localstack). Running it again finds what runs and redeploys.
/// </summary>
internal static class UpCommand
{
    /// <summary>The Slack stub's background process (its pid file and log are .batchkit/slack-stub.*).</summary>
    public const string SlackStubProcess = "slack-stub";

    /// <summary>The Slack stub as LocalStack's containers reach it: the compose service <c>slack</c> on its port 8089.</summary>
    private const string ComposeSlackUrl = "http://slack:8089";

    public static Command Create(IAnsiConsole console)
    {
        var engine = new Option<string>("--engine") { Description = "emulator (BatchKit's embedded one, the default) or localstack.", DefaultValueFactory = _ => "emulator" };
        var port = new Option<int>("--port") { Description = "The AWS endpoint's port.", DefaultValueFactory = _ => 4566 };
        var slackPort = new Option<int>("--slack-port") { Description = "The Slack stub's port.", DefaultValueFactory = _ => 8089 };
        var delay = new Option<double>("--worker-delay") { Description = "Simulated business-logic seconds per store in the worker (the reference used 4-20).", DefaultValueFactory = _ => 0 };
        var ecsRuntime = new Option<string>("--ecs-runtime")
        {
            Description = "What runs the workers: process (the published binary), container (batchkit/worker, `make images`) or auto.",
            DefaultValueFactory = _ => "process",
        };
        var lambdaRuntime = new Option<string>("--lambda-runtime")
        {
            Description = "What runs the Lambda's bootstrap: process, container (batchkit/lambda-provided) or auto.",
            DefaultValueFactory = _ => "process",
        };
        var command = new Command("up", "Start the local stack (emulator + Slack stub) and deploy the pipeline into it.")
        {
            engine, port, slackPort, delay, ecsRuntime, lambdaRuntime,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, ct => UpAsync(console, parse.GetValue(engine)!, parse.GetValue(port),
            parse.GetValue(slackPort), parse.GetValue(delay), (parse.GetValue(ecsRuntime)!, parse.GetValue(lambdaRuntime)!), ct), cancellationToken));
        return command;
    }

    private static async Task UpAsync(
        IAnsiConsole console, string engine, int port, int slackPort, double delay, (string Ecs, string Lambda) runtimes, CancellationToken cancellationToken)
    {
        if (engine is not ("emulator" or "localstack"))
        {
            throw new BatchKitException($"--engine '{engine}' is not emulator or localstack");
        }

        foreach (var (option, value) in new[] { ("--ecs-runtime", runtimes.Ecs), ("--lambda-runtime", runtimes.Lambda) })
        {
            if (value is not ("process" or "container" or "auto"))
            {
                throw new BatchKitException($"{option} '{value}' is not process, container or auto");
            }
        }

        var paths = LocalPaths.Find();
        var endpoint = new Uri($"http://127.0.0.1:{port}");
        var slackUrl = new Uri($"http://127.0.0.1:{slackPort}");
        var table = new Table().AddColumns("What", "Where", "Notes").Border(TableBorder.Rounded);
        if (engine == "emulator")
        {
            paths.RequireArtifacts();
            var emulator = new BackgroundProcess("emulator", paths);
            // The task definition names the worker's image; the process runtime maps that image to the published binary.
            await EnsureRunningAsync(console, emulator, paths.Emulator,
                ["--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", paths.Data,
                 "--ecs-image", $"{StackSettings.LocalWorkerImage}={paths.Worker}", "--ecs-runtime", runtimes.Ecs, "--lambda-runtime", runtimes.Lambda],
                gone => HttpReadiness.WaitAsync(new Uri(endpoint, "/_batchkit/health"), TimeSpan.FromSeconds(20), gone, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            table.AddRow("AWS emulator", endpoint.ToString(),
                $"pid {emulator.RunningPid()}, log {Path.GetRelativePath(paths.Repository, emulator.LogFile)}; ECS tasks: {runtimes.Ecs}, Lambda: {runtimes.Lambda}");

            var slack = new BackgroundProcess(SlackStubProcess, paths);
            var (stubFile, stubArguments) = CliExecutable.Command(
                "slack-stub", "--port", slackPort.ToString(CultureInfo.InvariantCulture), "--mappings", paths.SlackMappings);
            await EnsureRunningAsync(console, slack, stubFile, stubArguments,
                gone => SlackStub.Attach(slackUrl).WaitUntilReadyAsync(TimeSpan.FromSeconds(20), gone, cancellationToken), cancellationToken).ConfigureAwait(false);
            table.AddRow("Slack stub (WireMock.Net)", slackUrl.ToString(), $"pid {slack.RunningPid()}, log {Path.GetRelativePath(paths.Repository, slack.LogFile)}");
        }
        else
        {
            console.MarkupLine("Waiting for LocalStack (docker compose -f localstack/docker-compose.yml up -d) ...");
            await HttpReadiness.WaitAsync(new Uri(endpoint, "/_localstack/health"), TimeSpan.FromSeconds(90), cancellationToken: cancellationToken).ConfigureAwait(false);
            table.AddRow("LocalStack", endpoint.ToString(), "docker compose (localstack/docker-compose.yml)");
            table.AddRow("Slack stub (WireMock)", slackUrl.ToString(), $"docker compose; LocalStack reaches it as {ComposeSlackUrl}");
        }

        var settings = new StackSettings
        {
            Endpoint = endpoint,
            LambdaCodeDirectory = paths.LambdaCode,
            // Step Functions calls Slack from inside the engine: the emulator is on this machine, LocalStack in compose.
            SlackWebhookUrl = new Uri(engine == "emulator" ? slackUrl : new Uri(ComposeSlackUrl), SlackStub.WebhookPath),
            WorkerEnvironment = delay > 0
                ? new Dictionary<string, string> { [WorkerEnvironment.SimulatedDelaySeconds] = delay.ToString(CultureInfo.InvariantCulture) }
                : new Dictionary<string, string>(),
        };
        DeployedStack stack;
        if (console.Profile.Capabilities.Interactive)
        {
            DeployedStack? deployed = null;
            await console.Status().StartAsync("Deploying the pipeline", async status =>
            {
                var progress = new SynchronousProgress(step =>
                {
                    status.Status("Deploying: " + Markup.Escape(step));
                    console.MarkupLineInterpolated($"  [green]✓[/] {step}");
                });
                deployed = await new StackDeployer(settings, progress).DeployAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            stack = deployed!;
        }
        else
        {
            // Redirected output (CI, make's logs): plain lines, no live status.
            stack = await new StackDeployer(settings, new SynchronousProgress(step => console.MarkupLineInterpolated($"  [green]✓[/] {step}")))
                .DeployAsync(cancellationToken).ConfigureAwait(false);
        }

        table.AddRow("Bucket", $"s3://{stack.Bucket}", "upload a day to uploads/<day>.zip");
        table.AddRow("State machine", stack.StateMachineArn, "");
        table.AddRow("Upload Lambda", stack.UploadFunctionArn, $"code: {Path.GetRelativePath(paths.Repository, paths.LambdaCode)}");
        console.Write(table);
        console.MarkupLine("Next: [bold]make demo[/] (or [bold]batchkit run --stores 20[/]), [bold]batchkit upload FILE.zip[/], [bold]batchkit status[/], [bold]batchkit slack[/], [bold]make down[/].");
    }

    /// <summary>
    /// Starts <paramref name="process"/> unless it runs, then waits until it is ready; <paramref name="waitReady"/> gets a
    /// check that says when the process is gone, so a process that failed at start (a taken port) is reported at once.
    /// </summary>
    private static async Task EnsureRunningAsync(
        IAnsiConsole console, BackgroundProcess process, string fileName, IReadOnlyList<string> arguments, Func<Func<string?>, Task> waitReady,
        CancellationToken cancellationToken)
    {
        string? Gone() => process.RunningPid() is null ? $"{process.Name} exited before it was ready" : null;
        if (process.RunningPid() is { } pid)
        {
            console.MarkupLineInterpolated($"  [yellow]•[/] {process.Name} is already running (pid {pid}); keeping it");
            await waitReady(Gone).ConfigureAwait(false);
            return;
        }

        var started = process.Start(fileName, arguments);
        try
        {
            await waitReady(Gone).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            await process.StopAsync().ConfigureAwait(false);
            var log = File.Exists(process.LogFile) ? string.Join('\n', File.ReadLines(process.LogFile).TakeLast(15)) : "(no log)";
            throw new BatchKitException($"{process.Name} did not become ready ({e.Message}); it was stopped. Last lines of {process.LogFile}:\n{log}");
        }

        cancellationToken.ThrowIfCancellationRequested();
        console.MarkupLineInterpolated($"  [green]✓[/] started {process.Name} (pid {started})");
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}

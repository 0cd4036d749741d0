using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using BatchKit.Cli.Local;
using BatchKit.Contracts;
using BatchKit.Sales;
using BatchKit.SampleData;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary>
/// <c>batchkit run</c>: the demo in one command. Generates a day (new data each time unless --seed is given),
/// uploads it, follows the execution to its end, and checks the day's report against the generator's exact
/// expected totals. Exit 0 only when the run succeeded and every total matched.
/// </summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var stores = new Option<int>("--stores") { Description = "Stores in the generated day.", DefaultValueFactory = _ => 20 };
        var rows = new Option<string>("--rows") { Description = "Rows per store: N or MIN-MAX.", DefaultValueFactory = _ => "200-1000" };
        var seed = new Option<int?>("--seed") { Description = "Generator seed (default: a new one per run, so each run is a new upload)." };
        var day = new Option<string?>("--day") { Description = "The day's name (the zip's file name); default demo-<time>." };
        var file = new Option<FileInfo?>("--file")
        {
            Description = "Upload this zip instead of generating one (checked against <name>.expected.json when present).",
        };
        var command = new Command("run", "Generate a day, upload it, and follow the pipeline to its summary (the demo).") { stores, rows, seed, day, file };
        StackEndpoint.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async ct =>
        {
            using var stack = StackEndpoint.From(parse);
            await stack.StateMachineArnAsync(ct).ConfigureAwait(false); // fails clearly when nothing is deployed

            FileInfo zip;
            if (parse.GetValue(file) is { } given)
            {
                zip = given;
            }
            else
            {
                var name = parse.GetValue(day) ?? "demo-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                var (min, max) = GenerateCommand.ParseRows(parse.GetValue(rows)!);
                var options = new GeneratorOptions
                {
                    Stores = parse.GetValue(stores), RowsMin = min, RowsMax = max, Seed = parse.GetValue(seed) ?? Environment.TickCount,
                };
                options.Validate();
                zip = new FileInfo(Path.Combine(LocalPaths.Find().Repository, "sample-data", "out", name + ".zip"));
                Directory.CreateDirectory(zip.DirectoryName!);
                var totals = DayGenerator.GenerateToFile(options, zip.FullName, cancellationToken: ct);
                console.MarkupLineInterpolated(
                    $"Generated {zip.Name}: {totals.Stores.Count} stores, {totals.Rows} rows, expected total {Money.ToDollars(totals.Total)}");
            }

            await UploadAndFollowAsync(console, stack, zip, ct).ConfigureAwait(false);
        }, cancellationToken));
        return command;
    }

    /// <summary>Uploads the day, follows its execution to the end and checks the report against the day's expected totals.</summary>
    private static async Task UploadAndFollowAsync(IAnsiConsole console, StackEndpoint stack, FileInfo zip, CancellationToken cancellationToken)
    {
        var (key, eTag) = await UploadCommand.UploadAsync(console, stack, zip, cancellationToken).ConfigureAwait(false);
        var dayName = Path.GetFileNameWithoutExtension(zip.Name);
        var arn = await WaitForExecutionAsync(console, stack, ExecutionNames.For(stack.Bucket, key, eTag, dayName), cancellationToken).ConfigureAwait(false);
        if (stack.Endpoint is { } endpoint && await ViewerLinks.AnswersAsync(endpoint, cancellationToken).ConfigureAwait(false))
        {
            console.MarkupLineInterpolated($"Follow it live in the viewer: [link]{ViewerLinks.ForExecution(endpoint, arn)}[/]");
        }

        var ended = await new ExecutionWatcher(console, stack).WatchAsync(arn, cancellationToken).ConfigureAwait(false);
        if (ended.Status != "SUCCEEDED")
        {
            throw new BatchKitException($"the run ended {ended.Status}: {ended.Error}: {ended.Cause} (see batchkit logs {ended.Name})");
        }

        await CheckAgainstExpectedAsync(console, stack, dayName, DayGenerator.ExpectedPathFor(zip.FullName), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The upload Lambda names the execution after bucket, key and ETag, so the name is known here; a failed upload
    /// never starts one, and an upload of bytes already processed finds the earlier run (S3 gives it the same ETag).
    /// </summary>
    private static async Task<string> WaitForExecutionAsync(IAnsiConsole console, StackEndpoint stack, string name, CancellationToken cancellationToken)
    {
        var machine = await stack.StateMachineArnAsync(cancellationToken).ConfigureAwait(false);
        var arn = ExecutionNames.ExecutionArn(machine, name);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var existing = await stack.StepFunctions.DescribeExecutionAsync(arn, cancellationToken).ConfigureAwait(false);
                if (existing.StopDate is { } stopped && stopped < DateTimeOffset.UtcNow.AddSeconds(-5))
                {
                    console.MarkupLineInterpolated($"[yellow]These exact bytes were processed before (execution {name}); showing that run.[/]");
                }

                return arn;
            }
            catch (Aws.AwsServiceException e) when (e.ErrorCode == "ExecutionDoesNotExist")
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new BatchKitException(
            $"no execution {name} started within 60 s: the upload Lambda refused the zip or failed; see batchkit logs, or the emulator's "
            + "/_batchkit/lambda/failed-events");
    }

    private static async Task CheckAgainstExpectedAsync(
        IAnsiConsole console, StackEndpoint stack, string day, string expectedPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(expectedPath))
        {
            return;
        }

        var expected = DayTotals.Read(expectedPath);
        using var response = await stack.S3.GetObjectAsync(stack.Bucket, BucketPrefixes.Summary(day), cancellationToken).ConfigureAwait(false);
        var report = (await JsonNode.ParseAsync(response.ResponseStream, cancellationToken: cancellationToken).ConfigureAwait(false))!;
        var failing = expected.Stores.Where(s => s.Value.FailsByDefault).ToList();
        var expectedTotal = expected.Stores.Where(s => !s.Value.FailsByDefault).Sum(s => s.Value.Total);
        var actualTotal = Money.Parse(report["total"]!.GetValue<string>());
        if (Money.RoundToCents(expectedTotal) != actualTotal || report["stores_failed"]!.AsArray().Count != failing.Count)
        {
            throw new BatchKitException(
                $"the report does not match {Path.GetFileName(expectedPath)}: total {Money.ToDollars(actualTotal)} vs expected "
                + $"{Money.ToDollars(expectedTotal)}, {report["stores_failed"]!.AsArray().Count} failed stores vs {failing.Count}");
        }

        console.MarkupLineInterpolated($"[green]✓[/] the report matches {Path.GetFileName(expectedPath)} exactly ({Money.ToDollars(actualTotal)})");
    }
}

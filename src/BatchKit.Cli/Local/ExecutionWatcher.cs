using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using BatchKit.Aws.StepFunctions;
using BatchKit.Contracts;
using Spectre.Console;

namespace BatchKit.Cli.Local;

/// <summary>
/// Follows one execution live: a progress bar of stores done and failed from its Map Run (DescribeMapRun), a line
/// per store as its child execution ends (from the worker's output, or the error), then the day's summary table from
/// <c>reports/&lt;day&gt;/summary.json</c> and the Slack messages the stub received. Plain lines when not a terminal.
/// </summary>
internal sealed class ExecutionWatcher(IAnsiConsole console, StackEndpoint stack)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public async Task<DescribeExecutionResponse> WatchAsync(string executionArn, CancellationToken cancellationToken)
    {
        var execution = await stack.StepFunctions.DescribeExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false);
        var day = Day(execution.Input);
        console.MarkupLineInterpolated($"Watching [bold]{execution.Name}[/] ({day ?? "unknown day"}), started {execution.StartDate.ToLocalTime():HH:mm:ss}");
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var bar = progress.AddTask("stores", maxValue: 1);
                    execution = await FollowAsync(executionArn, (done, failed, total) =>
                    {
                        bar.MaxValue = Math.Max(1, total);
                        bar.Value = done + failed;
                        bar.Description = $"stores {done + failed}/{total}" + (failed > 0 ? $" ({failed} failed)" : "");
                    }, cancellationToken).ConfigureAwait(false);
                    bar.StopTask();
                }).ConfigureAwait(false);
        }
        else
        {
            var last = "";
            execution = await FollowAsync(executionArn, (done, failed, total) =>
            {
                var line = string.Create(CultureInfo.InvariantCulture, $"progress: {done + failed}/{total} stores done, {failed} failed");
                if (line != last)
                {
                    console.WriteLine(line);
                    last = line;
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        var took = ((execution.StopDate ?? DateTimeOffset.UtcNow) - execution.StartDate).TotalSeconds;
        console.MarkupLineInterpolated($"Execution {execution.Name}: {execution.Status} in {took:0.0} s");
        if (execution.Error is not null)
        {
            console.MarkupLineInterpolated($"[red]{execution.Error}[/]: {execution.Cause}");
        }

        if (day is not null)
        {
            await ShowSummaryAsync(day, cancellationToken).ConfigureAwait(false);
            await ShowSlackAsync(day, cancellationToken).ConfigureAwait(false);
        }

        return execution;
    }

    private async Task<DescribeExecutionResponse> FollowAsync(string executionArn, Action<long, long, long> progress, CancellationToken cancellationToken)
    {
        while (true)
        {
            var execution = await stack.StepFunctions.DescribeExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false);
            foreach (var mapRun in await stack.StepFunctions.ListMapRunsAsync(executionArn, cancellationToken).ConfigureAwait(false))
            {
                var run = await stack.StepFunctions.DescribeMapRunAsync(mapRun, cancellationToken).ConfigureAwait(false);
                progress(run.Succeeded, run.Failed, run.Total);
                await ReportFinishedStoresAsync(mapRun, cancellationToken).ConfigureAwait(false);
            }

            if (execution.Status != "RUNNING")
            {
                return execution;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReportFinishedStoresAsync(string mapRunArn, CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await stack.StepFunctions.ListMapRunExecutionsAsync(mapRunArn, token, cancellationToken).ConfigureAwait(false);
            foreach (var child in page.Executions.Where(c => c.Status != "RUNNING" && !_reported.Contains(c.ExecutionArn)).OrderBy(c => c.StopDate))
            {
                _reported.Add(child.ExecutionArn);
                var described = await stack.StepFunctions.DescribeExecutionAsync(child.ExecutionArn, cancellationToken).ConfigureAwait(false);
                if (described.Status == "SUCCEEDED" && JsonNode.Parse(described.Output ?? "null") is JsonObject output)
                {
                    var store = output["store"]?.GetValue<string>();
                    var total = output["total_sales"]?.GetValue<string>();
                    var took = output["processing_time"]?.GetValue<string>();
                    console.MarkupLineInterpolated($"  [green]✓[/] {store}: {output["item_transaction_count"]} rows, {total} ({took})");
                }
                else
                {
                    console.MarkupLineInterpolated($"  [red]✗[/] {StoreOf(described.Input)}: {described.Status} {described.Error}: {Shorten(described.Cause)}");
                }
            }

            token = page.NextToken;
        }
        while (token is not null);
    }

    private async Task ShowSummaryAsync(string day, CancellationToken cancellationToken)
    {
        JsonNode? report;
        try
        {
            using var response = await stack.S3.GetObjectAsync(stack.Bucket, BucketPrefixes.Summary(day), cancellationToken).ConfigureAwait(false);
            report = await JsonNode.ParseAsync(response.ResponseStream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception)
        {
            console.MarkupLineInterpolated($"[yellow]no report at s3://{stack.Bucket}/{BucketPrefixes.Summary(day)}[/]");
            return;
        }

        var table = new Table().AddColumns("Day", "Stores", "Failed", "Rows", "Total sales").Border(TableBorder.Rounded);
        table.AddRow(Markup.Escape(day), report!["stores"]!.ToString(), report["stores_failed"]!.AsArray().Count.ToString(CultureInfo.InvariantCulture),
            report["rows"]!.ToString(), Markup.Escape(report["total_sales"]!.GetValue<string>()));
        console.Write(table);
    }

    private async Task ShowSlackAsync(string day, CancellationToken cancellationToken)
    {
        if (!stack.IsLocal)
        {
            return;
        }

        try
        {
            var messages = (await stack.Slack.MessagesAsync(cancellationToken).ConfigureAwait(false))
                .Where(m => m.IsAbout(day)).ToList();
            console.MarkupLineInterpolated($"Slack messages for {day} ({messages.Count}):");
            foreach (var message in messages)
            {
                console.MarkupLineInterpolated($"  [grey]{message.Received.ToLocalTime():HH:mm:ss} {message.Status}[/] {message.Text}");
            }
        }
        catch (HttpRequestException e)
        {
            console.MarkupLineInterpolated($"[yellow]the Slack stub at {stack.Slack.BaseUrl} did not answer ({e.Message})[/]");
        }
    }

    /// <summary>The day a sales-batch execution input names, or null for an input of another shape.</summary>
    internal static string? Day(string? input)
    {
        try
        {
            var path = input is null ? null : JsonSerializer.Deserialize(input, ContractJson.Default.WorkflowInput)?.Input?.BucketPath;
            return path is null ? null : BucketPrefixes.DayOf(path);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string StoreOf(string? childInput)
    {
        var key = childInput is null ? null : JsonNode.Parse(childInput)?["Items"]?[0]?["Key"]?.GetValue<string>();
        return key is null ? "a store" : Path.GetFileNameWithoutExtension(key);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 200 ? text[..200] + "…" : text;
}

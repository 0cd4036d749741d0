using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Sales;
using BatchKit.SampleData;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BatchKit.Viewer.Tests;

/// <summary>
/// Issue 16's "tests in a real browser": the 20-store demo day through the real pipeline, checked through the page in
/// Chromium — the graph, the live turn to SUCCEEDED, the Map Run, a store's output and logs two clicks away, and a day
/// with bad rows showing the failed store's error and cause. Screenshots go to screenshots/ beside the test assembly.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class ViewerBrowserTests(ViewerStack stack, ITestOutputHelper output)
{
    private static readonly TimeSpan DayDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_sales_batch_graph_shows_every_state_coloured_by_the_demo_days_run()
    {
        var run = await stack.DemoDayAsync();
        Assert.True(run.Status == "SUCCEEDED", $"{run.Error}: {run.Cause}");
        var page = await stack.Chromium.OpenAsync(stack.Endpoint);

        await page.GotoAsync(ExecutionUrl(run.ExecutionArn));

        var graph = page.Locator("svg.graph");
        foreach (var state in SalesBatchStates())
        {
            await Expect(graph.Locator($"g.node[data-state='{state}']")).ToHaveCountAsync(1);
        }

        foreach (var state in (string[])["NotifyStarting", "Stores", "Summarize", "NotifyResults"])
        {
            await Expect(Node(page, state)).ToHaveClassAsync(new Regex(@"\bst-SUCCEEDED\b"));
        }

        foreach (var state in (string[])["NotifyFailed", "Failed"])
        {
            await Expect(Node(page, state)).Not.ToHaveClassAsync(new Regex(@"\bst-[A-Z_]+\b"));
        }

        await Expect(Node(page, "AggregateStore").Locator("text.counts")).ToHaveTextAsync($"✓{ViewerStack.DemoStores}");
        output.WriteLine("screenshot: " + await Chromium.ScreenshotAsync(page, "execution-graph"));

        await page.GotoAsync("#/machine/" + Uri.EscapeDataString(stack.Stack.StateMachineArn));
        foreach (var state in SalesBatchStates())
        {
            await Expect(page.Locator($"svg.graph g.node[data-state='{state}']")).ToHaveCountAsync(1);
        }

        await page.GetByRole(AriaRole.Tab, new() { Name = "Definition" }).ClickAsync();
        await Expect(page.GetByLabel("Definition as JSON")).ToContainTextAsync("\"StartAt\": \"NotifyStarting\"");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_execution_turns_SUCCEEDED_while_the_page_is_open()
    {
        const string day = "2026-11-23";
        var page = await stack.Chromium.OpenAsync(stack.Endpoint);
        await page.GotoAsync("#/executions");
        await Expect(page.Locator("#live")).ToHaveClassAsync(new Regex(@"\bon\b")); // the event stream is connected
        stack.CloseGate();
        try
        {
            await stack.UploadDayAsync(day, new GeneratorOptions { Stores = ViewerStack.DemoStores, Seed = 43 });

            // The new execution appears in the open list by itself (server-sent events), and is RUNNING: the gate holds it.
            var row = page.Locator("tbody tr", new() { HasText = day });
            await Expect(row).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Expect(row.Locator(".badge")).ToHaveTextAsync("RUNNING");
            await row.GetByRole(AriaRole.Link).ClickAsync();
            var status = page.Locator("h1 .badge");
            await Expect(status).ToHaveTextAsync("RUNNING");
            await Expect(Node(page, "Stores")).ToHaveClassAsync(new Regex(@"\bst-RUNNING\b"), new() { Timeout = 60_000 });
            await page.EvaluateAsync("window.__samePage = 'not reloaded'");
            output.WriteLine("screenshot: " + await Chromium.ScreenshotAsync(page, "execution-running"));

            var tasks = await stack.Chromium.OpenAsync(stack.Endpoint);
            await tasks.GotoAsync("#/tasks");
            var waiting = tasks.Locator("table:has(caption:text-is('Waiting task tokens')) tbody tr");
            await Expect(waiting.First).ToContainTextAsync("AggregateStore", new() { Timeout = 60_000 });
            await Expect(waiting.First).ToContainTextAsync("none yet"); // the held workers have not started, so no heartbeat
            output.WriteLine("screenshot: " + await Chromium.ScreenshotAsync(tasks, "tasks-waiting"));
            await tasks.Context.CloseAsync();

            stack.OpenGate();
            await Expect(status).ToHaveTextAsync("SUCCEEDED", new() { Timeout = (float)DayDeadline.TotalMilliseconds });
        }
        finally
        {
            stack.OpenGate();
        }

        Assert.Equal("not reloaded", await page.EvaluateAsync<string>("window.__samePage"));
        await Expect(Node(page, "NotifyResults")).ToHaveClassAsync(new Regex(@"\bst-SUCCEEDED\b"));
        await Expect(page.Locator(".panel", new() { HasText = "Map Run of Stores" })).ToContainTextAsync($"{ViewerStack.DemoStores} succeeded");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_Map_Run_shows_20_succeeded_and_its_result_files()
    {
        var run = await stack.DemoDayAsync();
        var page = await stack.Chromium.OpenAsync(stack.Endpoint);
        await page.GotoAsync(ExecutionUrl(run.ExecutionArn));

        await page.GetByRole(AriaRole.Link, new() { Name = "Map Run of Stores" }).ClickAsync();

        var stores = ViewerStack.DemoStores.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("[data-count='succeeded'] .n")).ToHaveTextAsync(stores);
        await Expect(page.Locator("[data-count='total'] .n")).ToHaveTextAsync(stores);
        await Expect(page.Locator("[data-count='failed'] .n")).ToHaveTextAsync("0");
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("SUCCEEDED");
        await Expect(page.Locator("text=Tolerated failure").Locator("..")).ToContainTextAsync("50%");
        await Expect(page.Locator(".pager").First).ToContainTextAsync($"1–{ViewerStack.DemoStores} of {ViewerStack.DemoStores}");
        var files = page.Locator("table:has(caption:text-is('ResultWriter files')) tbody tr");
        await Expect(files).ToHaveCountAsync(3);
        await Expect(files.Filter(new() { HasText = "manifest.json" })).ToHaveCountAsync(1);
        output.WriteLine("screenshot: " + await Chromium.ScreenshotAsync(page, "map-run"));

        await files.Filter(new() { HasText = "SUCCEEDED_0.json" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByLabel("Object preview")).ToContainTextAsync("\"ExecutionArn\"");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_stores_worker_output_and_logs_are_two_clicks_from_the_Map_Run()
    {
        var run = await stack.DemoDayAsync();
        var expected = ExpectedDemoDay();
        const string store = "store_1005";
        var page = await stack.Chromium.OpenAsync(stack.Endpoint);
        await page.GotoAsync(ExecutionUrl(run.ExecutionArn));
        await page.GetByRole(AriaRole.Link, new() { Name = "Map Run of Stores" }).ClickAsync();

        // Each upload is copied under a prefix of its own: processed/<day>/<copy>/<store>.json (slashes escaped: Playwright
        // puts the pattern into a selector).
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^processed\\/{ViewerStack.DemoDay}\\/[^\\/]+\\/{store}\\.json$") }).ClickAsync(); // click 1
        await Node(page, "AggregateStore").ClickAsync(); // click 2

        var detail = page.Locator("#state-detail");
        var total = Money.ToText(expected.Stores[store].Total);
        await Expect(detail.GetByLabel("Output")).ToContainTextAsync("\"store_number\"");
        await Expect(detail.GetByLabel("Output")).ToContainTextAsync(total);
        await Expect(detail.GetByTestId("task-logs")).ToContainTextAsync($"{store}.json: {expected.Stores[store].Rows} rows, total {total}");
        await Expect(detail).ToContainTextAsync("Exit code0");
        output.WriteLine("screenshot: " + await Chromium.ScreenshotAsync(page, "store-output-and-logs"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_day_with_bad_rows_shows_the_failed_store_with_its_error_and_cause()
    {
        const string day = "2026-11-24";
        var expected = await stack.UploadDayAsync(day, new GeneratorOptions
        {
            Stores = 8, RowsMin = 100, RowsMax = 300, Seed = 11, BadRowKinds = [BadRowKind.NonNumericUnitPrice, BadRowKind.MalformedJson], BadRowRate = 0.002,
        });
        var failing = expected.Stores.Where(s => s.Value.FailsByDefault).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        Assert.InRange(failing.Count, 1, 4); // the seed gives some bad stores, within the Map's 50 % tolerance
        var run = await stack.WaitForDayAsync(day, DayDeadline);
        Assert.True(run.Status == "SUCCEEDED", $"{run.Error}: {run.Cause}");
        var page = await stack.Chromium.OpenAsync(stack.Endpoint);
        await page.GotoAsync(ExecutionUrl(run.ExecutionArn));
        await page.GetByRole(AriaRole.Link, new() { Name = "Map Run of Stores" }).ClickAsync();
        await Expect(page.Locator("[data-count='failed'] .n")).ToHaveTextAsync(failing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByLabel("Status").SelectOptionAsync("FAILED");

        var rows = page.Locator("table:has(caption:text-is('Child executions')) tbody tr");
        await Expect(rows).ToHaveCountAsync(failing.Count);
        foreach (var store in failing)
        {
            await Expect(rows.Filter(new() { HasText = $"{store}.json" })).ToHaveCountAsync(1);
        }

        output.WriteLine("screenshot: " + await Chromium.ScreenshotAsync(page, "map-run-failed-children"));
        await rows.Filter(new() { HasText = $"{failing[0]}.json" }).GetByRole(AriaRole.Link).ClickAsync();

        var key = new Regex($"s3://{Regex.Escape(stack.Stack.Bucket)}/processed/{day}/[^/]+/{failing[0]}\\.json: "); // the upload's own copy
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("FAILED");
        await Expect(page.Locator("dl.facts").First).ToContainTextAsync("BatchKit.InvalidData");
        var detail = page.Locator("#state-detail"); // the failed state is selected on arrival
        await Expect(detail.GetByTestId("state-error")).ToHaveTextAsync("BatchKit.InvalidData");
        await Expect(detail.GetByTestId("state-cause")).ToContainTextAsync(key);
        await Expect(detail.GetByTestId("task-logs")).ToContainTextAsync(new Regex("batchkit-worker: BatchKit\\.InvalidData: " + key));
        output.WriteLine("screenshot: " + await Chromium.ScreenshotAsync(page, "failed-store"));
        await page.Context.CloseAsync();
    }

    private static ILocator Node(IPage page, string state) => page.Locator($"svg.graph g.node[data-state='{state}']").First;

    private static string ExecutionUrl(string arn) => "#/execution/" + Uri.EscapeDataString(arn);

    /// <summary>Every state name in sales-batch.asl.json, nested ones included (ASL names are unique per machine).</summary>
    internal static IReadOnlyList<string> SalesBatchStates()
    {
        var names = new List<string>();
        void Collect(JsonObject graph)
        {
            foreach (var (name, state) in graph["States"]!.AsObject())
            {
                names.Add(name);
                if (state!["ItemProcessor"] is JsonObject processor)
                {
                    Collect(processor);
                }

                foreach (var branch in state["Branches"]?.AsArray() ?? [])
                {
                    Collect(branch!.AsObject());
                }
            }
        }

        Collect(JsonNode.Parse(Workflow.WorkflowDefinition.Template)!.AsObject());
        return names;
    }

    private static DayTotals ExpectedDemoDay() =>
        DayGenerator.Generate(new GeneratorOptions
        {
            Stores = ViewerStack.DemoStores, Seed = 42, Date = DateOnly.Parse(ViewerStack.DemoDay, System.Globalization.CultureInfo.InvariantCulture),
        }, new MemoryStream());
}

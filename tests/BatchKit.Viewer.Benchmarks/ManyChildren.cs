using System.Diagnostics;
using System.Text.Json.Nodes;
using BatchKit.Aws.StepFunctions;
using BatchKit.Viewer.Tests;
using Microsoft.Playwright;

namespace BatchKit.Viewer.Benchmarks;

/// <summary>
/// A distributed Map with <c>children</c> child executions (each waits 3 s; 100 at a time), followed live on its
/// execution page and its Map Run page: the main thread's long tasks and its worst stall while the change stream
/// drives refreshes; then, once it has ended, cold loads of both pages and paging through the children.
/// </summary>
internal static class ManyChildren
{
    private const string Definition = """
        {"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":100,"ToleratedFailurePercentage":0,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Work",
            "States":{"Work":{"Type":"Wait","Seconds":3,"Next":"Done"},"Done":{"Type":"Pass","End":true}}},"End":true}}}
        """;

    // Long tasks (over 50 ms on the main thread) and the worst lateness of a 50 ms heartbeat: what a user feels.
    private const string Observe = """
        window.__long = []; window.__lag = 0; window.__refreshes = 0;
        new PerformanceObserver(l => l.getEntries().forEach(e => window.__long.push(e.duration))).observe({ type: "longtask", buffered: true });
        let last = performance.now();
        setInterval(() => { const now = performance.now(); window.__lag = Math.max(window.__lag, now - last - 50); last = now; }, 50);
        document.addEventListener("DOMContentLoaded", () => new MutationObserver(() => window.__refreshes++)
          .observe(document.body, { attributes: true, attributeFilter: ["data-refreshed"] }));
        """;

    public static async Task MeasureAsync(Chromium chromium, Uri endpoint, StepFunctionsClient stepFunctions, int children)
    {
        var machine = await stepFunctions.CreateStateMachineAsync("viewer-bench-" + children, Definition, "arn:aws:iam::000000000000:role/bench");
        var items = new JsonArray(Enumerable.Range(0, children).Select(i => (JsonNode)i).ToArray());
        var run = await stepFunctions.StartExecutionAsync(machine.StateMachineArn, "fan-" + children, new JsonObject { ["items"] = items }.ToJsonString());
        var mapRun = await MapRunOfAsync(stepFunctions, run.ExecutionArn);
        Console.WriteLine($"{children} Map children (3 s each, 100 at a time), followed live:");

        var execution = await OpenObservedAsync(chromium, endpoint, "#/execution/" + Uri.EscapeDataString(run.ExecutionArn));
        var children1 = await OpenObservedAsync(chromium, endpoint, "#/map-run/" + Uri.EscapeDataString(mapRun));
        var clock = Stopwatch.StartNew();
        await children1.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await children1.Locator(".pager").First.Locator("span").GetByText(new System.Text.RegularExpressions.Regex("^51–100 of")).WaitForAsync();
        Console.WriteLine("  next page of children while running: " + Figures.Ms(clock.Elapsed.TotalMilliseconds));
        await execution.Locator("h1 .badge").GetByText("SUCCEEDED").WaitForAsync(new() { Timeout = 600_000 });
        await children1.Locator("h1 .badge").GetByText("SUCCEEDED").WaitForAsync(new() { Timeout = 60_000 });
        Console.WriteLine("  run took " + Figures.Ms(clock.Elapsed.TotalMilliseconds) + " after the pages opened");
        await ReportAsync("execution page (graph, Map Run card)", execution);
        await ReportAsync("Map Run page (counts, 50 children a page)", children1);
        await execution.Context.CloseAsync();
        await children1.Context.CloseAsync();

        await ColdLoadsAsync(chromium, endpoint, run.ExecutionArn, mapRun, children);
        await ReadOutsAsync(endpoint, run.ExecutionArn, mapRun, children);
    }

    /// <summary>The two read-outs behind those pages, without the browser: how much of a load is the emulator's.</summary>
    private static async Task ReadOutsAsync(Uri endpoint, string executionArn, string mapRun, int children)
    {
        using var http = new HttpClient { BaseAddress = new Uri(endpoint, "/_batchkit/api/") };
        var states = new List<double>();
        var page = new List<double>();
        for (var i = 0; i <= 10; i++)
        {
            var clock = Stopwatch.StartNew();
            (await http.GetAsync("execution/states?arn=" + Uri.EscapeDataString(executionArn))).EnsureSuccessStatusCode();
            var statesMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            (await http.GetAsync("map-run?limit=50&arn=" + Uri.EscapeDataString(mapRun))).EnsureSuccessStatusCode();
            if (i > 0)
            {
                states.Add(statesMs);
                page.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"{children} Map children, the read-outs alone (HttpClient):");
        Console.WriteLine("  GET execution/states (passes, counts over every child): " + Figures.Summary(states));
        Console.WriteLine("  GET map-run (counts, 50 children):                     " + Figures.Summary(page));
    }

    private static async Task<string> MapRunOfAsync(StepFunctionsClient stepFunctions, string executionArn)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if ((await stepFunctions.ListMapRunsAsync(executionArn)) is [var arn, ..])
            {
                return arn;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no Map Run of {executionArn} within 30 s");
    }

    private static async Task<IPage> OpenObservedAsync(Chromium chromium, Uri endpoint, string url)
    {
        var page = await chromium.OpenAsync(endpoint);
        await page.Context.AddInitScriptAsync(Observe);
        await page.GotoAsync(url);
        await page.Locator("main h1").WaitForAsync();
        return page;
    }

    private static async Task ReportAsync(string name, IPage page)
    {
        var longTasks = await page.EvaluateAsync<double[]>("() => window.__long");
        var lag = await page.EvaluateAsync<double>("() => window.__lag");
        var refreshes = await page.EvaluateAsync<int>("() => window.__refreshes");
        var longest = Figures.Ms(longTasks.DefaultIfEmpty(0).Max());
        Console.WriteLine($"  {name}: {refreshes} live refreshes; {longTasks.Length} long tasks (>50 ms), " +
                          $"longest {longest}, total {Figures.Ms(longTasks.Sum())}; worst heartbeat stall {Figures.Ms(lag)}");
    }

    private static async Task ColdLoadsAsync(Chromium chromium, Uri endpoint, string executionArn, string mapRun, int children)
    {
        var executionLoads = new List<double>();
        var mapRunLoads = new List<double>();
        var pages = new List<double>();
        for (var i = 0; i <= 5; i++)
        {
            var page = await chromium.OpenAsync(endpoint);
            var clock = Stopwatch.StartNew();
            await page.GotoAsync("#/execution/" + Uri.EscapeDataString(executionArn));
            await page.Locator("svg.graph g.node[data-state='Work'] text.counts").GetByText("✓" + children).WaitForAsync();
            var executionMs = clock.Elapsed.TotalMilliseconds;

            clock.Restart();
            await page.GotoAsync("#/map-run/" + Uri.EscapeDataString(mapRun));
            await page.Locator("table:has(caption:text-is('Child executions')) tbody tr").Nth(49).WaitForAsync();
            var mapRunMs = clock.Elapsed.TotalMilliseconds;
            for (var p = 2; p <= 6; p++)
            {
                clock.Restart();
                await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
                await page.Locator(".pager span").GetByText($"{(p - 1) * 50 + 1}–{p * 50} of {children}").WaitForAsync();
                pages.Add(clock.Elapsed.TotalMilliseconds);
            }

            await page.Context.CloseAsync();
            if (i > 0) // the first round warms the JIT of the read-outs
            {
                executionLoads.Add(executionMs);
                mapRunLoads.Add(mapRunMs);
            }
        }

        Console.WriteLine($"{children} Map children, after the run (fresh context each round; navigation to drawn):");
        Console.WriteLine("  execution page, graph with ✓" + children + ": " + Figures.Summary(executionLoads));
        Console.WriteLine("  Map Run page, first 50 children: " + Figures.Summary(mapRunLoads));
        Console.WriteLine("  next page of 50 children:        " + Figures.Summary(pages));
    }
}

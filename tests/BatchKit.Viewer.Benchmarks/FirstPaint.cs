using Microsoft.Playwright;
using BatchKit.Viewer.Tests;

namespace BatchKit.Viewer.Benchmarks;

/// <summary>
/// Each load in a fresh browser context (nothing cached): the browser's own paint timings (first paint, first
/// contentful paint) and the time until the first view's heading is on screen, from the navigation's start. A one-line
/// page loaded the same way gives the floor this browser on this machine, at this load, sets for any page.
/// </summary>
internal static class FirstPaint
{
    private const string Timings = """
        () => {
          const paint = Object.fromEntries(performance.getEntriesByType("paint").map(p => [p.name, p.startTime]));
          const nav = performance.getEntriesByType("navigation")[0];
          return [paint["first-paint"] ?? -1, paint["first-contentful-paint"] ?? -1, nav.domContentLoadedEventEnd, window.__h1 ?? -1];
        }
        """;

    // Records when the first view's <h1> appears (the page has drawn real content, not the Loading line).
    private const string WatchHeading = """
        new MutationObserver((_, o) => {
          if (document.querySelector("main h1")) { window.__h1 = performance.now(); o.disconnect(); }
        }).observe(document, { childList: true, subtree: true });
        """;

    private const string Baseline = "data:text/html,<!doctype html><title>floor</title><h1>one line</h1>";

    public static async Task MeasureAsync(Chromium chromium, Uri endpoint, int loads)
    {
        var floor = new List<double>();
        for (var i = 0; i <= loads; i++)
        {
            var page = await chromium.OpenAsync(endpoint);
            await page.GotoAsync(Baseline);
            await page.WaitForFunctionAsync("() => performance.getEntriesByType('paint').length >= 2");
            var t = await page.EvaluateAsync<double[]>(Timings);
            await page.Context.CloseAsync();
            if (i > 0)
            {
                floor.Add(t[1]);
            }
        }


        var firstPaint = new List<double>();
        var contentful = new List<double>();
        var domReady = new List<double>();
        var heading = new List<double>();
        for (var i = 0; i <= loads; i++)
        {
            var page = await chromium.OpenAsync(endpoint);
            await page.Context.AddInitScriptAsync(WatchHeading);
            await page.GotoAsync("#/executions");
            await page.Locator("main h1").WaitForAsync();
            await page.WaitForFunctionAsync("() => performance.getEntriesByType('paint').length >= 2 && window.__h1 !== undefined");
            var t = await page.EvaluateAsync<double[]>(Timings);
            await page.Context.CloseAsync();
            if (i == 0)
            {
                continue; // the first load also warms the emulator's JIT and the browser's process pool
            }

            firstPaint.Add(t[0]);
            contentful.Add(t[1]);
            domReady.Add(t[2]);
            heading.Add(t[3]);
        }

        Console.WriteLine("first paint (fresh context, no cache; from navigation start):");
        Console.WriteLine("  first-paint:            " + Figures.Summary(firstPaint));
        Console.WriteLine("  first-contentful-paint: " + Figures.Summary(contentful));
        Console.WriteLine("  DOMContentLoaded:       " + Figures.Summary(domReady));
        Console.WriteLine("  Executions view drawn:  " + Figures.Summary(heading));
        Console.WriteLine("  floor (one-line page, first-contentful-paint): " + Figures.Summary(floor));
    }
}

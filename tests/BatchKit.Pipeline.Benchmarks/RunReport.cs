using System.Globalization;

namespace BatchKit.Pipeline.Benchmarks;

/// <summary>The figures of a run, and the medians per runtime of several.</summary>
internal static class RunReport
{
    public static void Print(RunFigures f, int stores)
    {
        Line($"  upload to {f.Status}: {f.Total:N1} s (report total {(f.Exact ? "exact" : "MISMATCH")}), emulator peak RSS {f.EmulatorPeakMiB:N0} MiB");
        var (heap, committed) = (f.EmulatorPeakGcHeapMiB, f.EmulatorPeakGcCommittedMiB);
        Line($"    of which at most: managed heap {heap:N0} MiB, GC-committed {committed:N0} MiB (at its last collection)");
        Line($"    S3 PUT of the zip {f.Put:N2} s; Lambda (event, cold start, unzip to processed/, StartExecution) {f.Lambda:N2} s");
        Line($"    Slack 'starting' {f.SlackStarting:N2} s; Map {f.Map:N2} s; summary Lambda + Slack results {f.Summary:N2} s");
        var start = f.Runtime == "container" ? "container" : "process";
        var overhead = f.PerStore - f.PerStoreWork;
        Line($"    per store (child execution): mean {f.PerStore:N2} s = worker aggregation {f.PerStoreWork:N2} s");
        Line($"      + RunTask, {start} start, S3 GET, SendTaskSuccess {overhead:N2} s");
        var workers = f.WorkerCpu is { } cpu
            ? string.Create(CultureInfo.InvariantCulture, $"the ended workers {cpu:N2} s = {cpu / stores * 1000:N0} ms per store task")
            : "the workers' containers are the engine's children (not counted here)";
        Line($"    CPU until SUCCEEDED: emulator {f.EmulatorCpu:N2} s, {workers}");
    }

    public static void PrintMedians(IReadOnlyList<RunFigures> results)
    {
        Console.WriteLine("medians per ECS runtime (s): upload→SUCCEEDED | Lambda | Map | per store | of which RunTask..SendTaskSuccess | runs");
        foreach (var runtime in results.GroupBy(r => r.Runtime))
        {
            double Median(Func<RunFigures, double> of)
            {
                var sorted = runtime.Select(of).Order().ToList();
                return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            }

            var totals = string.Join(", ", runtime.Select(r => r.Total.ToString("N1", CultureInfo.InvariantCulture)));
            var (total, lambda, map) = (Median(r => r.Total), Median(r => r.Lambda), Median(r => r.Map));
            var (store, overhead) = (Median(r => r.PerStore), Median(r => r.PerStore - r.PerStoreWork));
            Line($"  {runtime.Key,-9}  {total,6:N1} | {lambda,5:N2} | {map,6:N1} | {store,5:N2} | {overhead,5:N2} | {totals}");
        }
    }

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}

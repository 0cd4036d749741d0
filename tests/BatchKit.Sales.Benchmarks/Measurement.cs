using System.Diagnostics;
using System.Globalization;

namespace BatchKit.Sales.Benchmarks;

/// <summary>Wall time, allocations and peak memory of one phase, printed as one line.</summary>
internal sealed class Measurement
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);

    public TimeSpan Elapsed => _clock.Elapsed;

    public static long PeakWorkingSetMiB()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64 / (1024 * 1024);
    }

    public void Print(string phase, long rows, long bytes)
    {
        _clock.Stop();
        var seconds = _clock.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase,-22} {rows,12:N0} rows {bytes / 1e6,9:N1} MB {seconds,7:N2} s {rows / seconds,12:N0} rows/s {bytes / 1e6 / seconds,8:N1} MB/s  alloc {allocated / 1e6,8:N1} MB  peak WS {PeakWorkingSetMiB(),5} MiB"));
    }
}

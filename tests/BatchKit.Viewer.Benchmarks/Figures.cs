using System.Globalization;

namespace BatchKit.Viewer.Benchmarks;

/// <summary>Median, p90 and max of a series of milliseconds, as one line.</summary>
internal static class Figures
{
    public static string Summary(IReadOnlyCollection<double> ms)
    {
        var sorted = ms.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"median {At(0.5):N0} ms, p90 {At(0.9):N0} ms, max {sorted[^1]:N0} ms over {sorted.Length}");
    }

    public static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:N0} ms");
}

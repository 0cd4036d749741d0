using System.Globalization;

namespace ScheduledValidation;

/// <summary>
/// Where a run reads and writes in its bucket: the files wait under <c>&lt;prefix&gt;/incoming/</c>; each scheduled run
/// writes one result object per file under <c>&lt;prefix&gt;/results/&lt;run&gt;/</c>, named after the schedule's time,
/// so one run never overwrites another's results.
/// </summary>
public static class ValidationKeys
{
    public static string Incoming(string prefix) => $"{prefix}/incoming/";

    /// <summary>The result object of <paramref name="key"/>: <c>daily/results/20261130T100500Z/orders-1.json</c>.</summary>
    public static string Result(string prefix, string run, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var file = key[(key.LastIndexOf('/') + 1)..];
        return $"{prefix}/results/{run}/{(file.EndsWith(".csv", StringComparison.Ordinal) ? file[..^4] : file)}.json";
    }

    /// <summary>The run's name from the scheduled event's time: <c>2026-11-30T10:05:00Z</c> → <c>20261130T100500Z</c>.</summary>
    public static string Run(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A prefix is one or more path segments of letters, digits, '-', '_' and '.', without a leading or trailing '/',
    /// so that <c>&lt;prefix&gt;/incoming/</c> names exactly one folder.
    /// </summary>
    public static bool IsPrefix(string prefix) =>
        prefix is { Length: > 0 } && prefix.Split('/').All(s => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));

    /// <summary>Files directly under the incoming folder ending in <c>.csv</c>; not those in folders below it.</summary>
    public static bool IsIncomingCsv(string prefix, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var incoming = Incoming(prefix);
        return key.StartsWith(incoming, StringComparison.Ordinal) && key.EndsWith(".csv", StringComparison.Ordinal)
            && key.Length > incoming.Length + 4 && !key[incoming.Length..].Contains('/', StringComparison.Ordinal);
    }
}

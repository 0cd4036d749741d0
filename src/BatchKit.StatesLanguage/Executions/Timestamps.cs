using System.Globalization;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>Timestamps as the context object carries them: ISO 8601 UTC with milliseconds, "2026-11-22T09:00:00.000Z".</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

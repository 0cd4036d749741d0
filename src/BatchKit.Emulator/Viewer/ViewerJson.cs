using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer;

/// <summary>The read API's conventions in one place: ISO-8601 UTC times, offset/limit pages, short previews.</summary>
internal static class ViewerJson
{
    public const int MaxLimit = 500;

    public static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static double? DurationMs(DateTimeOffset start, DateTimeOffset? end) => end is { } e ? Math.Round((e - start).TotalMilliseconds, 1) : null;

    /// <summary><c>offset</c> (default 0) and <c>limit</c> (default <paramref name="defaultLimit"/>, at most 500) from the query.</summary>
    public static (int Offset, int Limit) Paging(IQueryCollection query, int defaultLimit = 50) =>
        (Number(query, "offset", 0, int.MaxValue) ?? 0, Number(query, "limit", 1, MaxLimit) ?? defaultLimit);

    /// <summary>A page of <paramref name="items"/>: <c>{items, total, offset, limit}</c>.</summary>
    public static JsonObject Page<T>(IReadOnlyCollection<T> items, (int Offset, int Limit) paging, Func<T, JsonNode> format) => new()
    {
        ["items"] = new JsonArray([.. items.Skip(paging.Offset).Take(paging.Limit).Select(format)]),
        ["total"] = items.Count,
        ["offset"] = paging.Offset,
        ["limit"] = paging.Limit,
    };

    /// <summary>The first <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string? Preview(string? text, int max = 160) =>
        text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    /// <summary>JSON text parsed for display (null when it is not JSON).</summary>
    public static JsonNode? ParseOrNull(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Required(IQueryCollection query, string name) =>
        query[name] is { Count: > 0 } value && value.ToString().Length > 0
            ? value.ToString()
            : throw new ServiceErrorException("InvalidRequest", $"The query parameter '{name}' is required.");

    private static int? Number(IQueryCollection query, string name, int min, int max)
    {
        if (query[name] is not { Count: > 0 } raw)
        {
            return null;
        }

        return int.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ServiceErrorException("InvalidRequest", $"The query parameter '{name}' must be a whole number from {min} to {max}; got '{raw}'.");
    }
}

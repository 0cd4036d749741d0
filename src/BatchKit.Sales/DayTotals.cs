using System.Text.Json;

namespace BatchKit.Sales;

/// <summary>The exact totals of one store in an expected-totals file (<c>day01.expected.json</c> shape).</summary>
/// <param name="Rows">Valid line items.</param>
/// <param name="Total">Σ Quantity × UnitPrice of the valid rows, returns netted, rounded half-even to cents.</param>
public sealed record StoreTotals(long Rows, decimal Total)
{
    /// <summary>Rows the generator made bad on purpose (absent from the file when 0).</summary>
    public long BadRows { get; init; }

    /// <summary>A whole-file problem the generator injected ("MalformedJson", "NotAnArray"), else null.</summary>
    public string? FileError { get; init; }

    /// <summary>True when the pipeline's default (fail) policy must reject this store.</summary>
    public bool FailsByDefault => BadRows > 0 || FileError is not null;
}

/// <summary>
/// A day's expected totals, read and written in the shape of ../shared/data/online-retail/day01.expected.json:
/// <c>{"rows": N, "stores": {"store_1000": {"rows": N, "total": "5949.11"}, ...}, "total": "58635.56"}</c>.
/// Totals are strings so no JSON reader turns them into floats.
/// </summary>
public sealed record DayTotals(long Rows, decimal Total, IReadOnlyDictionary<string, StoreTotals> Stores)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, IndentSize = 4 };

    public static DayTotals Read(Stream utf8Json)
    {
        using var doc = JsonDocument.Parse(utf8Json);
        var root = doc.RootElement;
        var stores = new Dictionary<string, StoreTotals>(StringComparer.Ordinal);
        foreach (var store in root.GetProperty("stores").EnumerateObject())
        {
            var v = store.Value;
            stores[store.Name] = new StoreTotals(v.GetProperty("rows").GetInt64(), Money.Parse(v.GetProperty("total").GetString()!))
            {
                BadRows = v.TryGetProperty("bad_rows", out var bad) ? bad.GetInt64() : 0,
                FileError = v.TryGetProperty("file_error", out var fileError) ? fileError.GetString() : null,
            };
        }

        return new DayTotals(root.GetProperty("rows").GetInt64(), Money.Parse(root.GetProperty("total").GetString()!), stores);
    }

    public static DayTotals Read(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file);
    }

    public void Write(Stream utf8Json)
    {
        using var w = new Utf8JsonWriter(utf8Json, WriterOptions);
        w.WriteStartObject();
        w.WriteNumber("rows", Rows);
        w.WriteStartObject("stores");
        foreach (var (name, store) in Stores)
        {
            w.WriteStartObject(name);
            w.WriteNumber("rows", store.Rows);
            w.WriteString("total", Money.ToText(store.Total));
            if (store.BadRows > 0)
            {
                w.WriteNumber("bad_rows", store.BadRows);
            }

            if (store.FileError is not null)
            {
                w.WriteString("file_error", store.FileError);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteString("total", Money.ToText(Total));
        w.WriteEndObject();
    }
}

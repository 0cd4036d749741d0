namespace BatchKit.SampleData;

/// <summary>What <see cref="DayGenerator"/> makes. The same options and seed always give byte-identical output.</summary>
public sealed record GeneratorOptions
{
    public int Stores { get; init; } = 10;

    /// <summary>Rows per store are drawn uniformly from [RowsMin, RowsMax].</summary>
    public int RowsMin { get; init; } = 200;

    public int RowsMax { get; init; } = 1000;

    public DateOnly Date { get; init; } = new(2010, 12, 1);

    public int Seed { get; init; } = 42;

    /// <summary>The share of invoices that are cancellations (returns: "C" invoices with negative quantities).</summary>
    public double ReturnRate { get; init; } = 0.02;

    /// <summary>Kinds of bad data to inject, for testing the pipeline's error paths. Empty: all rows valid.</summary>
    public IReadOnlyList<BadRowKind> BadRowKinds { get; init; } = [];

    /// <summary>
    /// The chance that a row is replaced by a bad one (row kinds) or, for the file kinds
    /// (<see cref="BadRowKind.MalformedJson"/>, <see cref="BadRowKind.NotAnArray"/>), that a store's whole file is bad.
    /// </summary>
    public double BadRowRate { get; init; } = 0.01;

    /// <summary>Store numbers start here, as in the real data (store_1000.json).</summary>
    public int FirstStoreNumber { get; init; } = 1000;

    /// <summary>Throws <see cref="InvalidOptionException"/> naming the option that is out of range.</summary>
    public void Validate()
    {
        Check(Stores is >= 0 and <= 100_000, "stores", $"must be between 0 and 100000, got {Stores}");
        Check(RowsMin >= 0, "rows", $"must not be negative, got {RowsMin}");
        Check(RowsMax >= RowsMin, "rows", $"range {RowsMin}-{RowsMax} is empty (MIN must not exceed MAX)");
        Check(RowsMax <= 10_000_000, "rows", $"must be at most 10000000 per store, got {RowsMax}");
        Check(ReturnRate is >= 0 and <= 1, "return-rate", $"must be between 0 and 1, got {ReturnRate}");
        Check(BadRowRate is >= 0 and <= 1, "bad-row-rate", $"must be between 0 and 1, got {BadRowRate}");
        Check(FirstStoreNumber >= 0, "first-store", $"must not be negative, got {FirstStoreNumber}");
    }

    private static void Check(bool ok, string option, string message)
    {
        if (!ok)
        {
            throw new InvalidOptionException(option, message);
        }
    }
}

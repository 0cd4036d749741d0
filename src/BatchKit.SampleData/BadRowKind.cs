using BatchKit.Sales;

namespace BatchKit.SampleData;

/// <summary>
/// The kinds of bad data the generator can inject; each maps to the <see cref="RowErrorKind"/> the aggregator
/// reports for it, so a test can predict the pipeline's answer.
/// </summary>
public enum BadRowKind
{
    NonNumericQuantity,
    NonNumericUnitPrice,
    NegativeUnitPrice,
    BadInvoiceDate,
    MissingField,
    WrongJsonType,

    /// <summary>File kind: the store's file is cut off mid-row.</summary>
    MalformedJson,

    /// <summary>File kind: the store's file is a JSON object instead of an array.</summary>
    NotAnArray,
}

/// <summary>Names and classification of <see cref="BadRowKind"/>.</summary>
public static class BadRowKinds
{
    public static bool IsFileKind(this BadRowKind kind) => kind is BadRowKind.MalformedJson or BadRowKind.NotAnArray;

    public static RowErrorKind ToRowErrorKind(this BadRowKind kind) => Enum.Parse<RowErrorKind>(kind.ToString());

    /// <summary>Parses "NonNumericQuantity,BadInvoiceDate" (case-insensitive; "all" for every kind).</summary>
    public static IReadOnlyList<BadRowKind> Parse(string text)
    {
        if (string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return Enum.GetValues<BadRowKind>();
        }

        var kinds = new List<BadRowKind>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<BadRowKind>(part, ignoreCase: true, out var kind) || int.TryParse(part, out _))
            {
                throw new InvalidOptionException("bad-rows",
                    $"unknown kind '{part}'; expected one or more of {string.Join(", ", Enum.GetNames<BadRowKind>())} (or 'all')");
            }

            kinds.Add(kind);
        }

        return kinds;
    }
}

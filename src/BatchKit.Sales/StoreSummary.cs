namespace BatchKit.Sales;

/// <summary>
/// The exact totals of one store file. Money is summed unrounded in <see cref="decimal"/> and rounded half-even
/// to cents only here, at the edge.
/// </summary>
public sealed record StoreSummary
{
    /// <summary>Line items that went into the totals (bad rows under quarantine are not counted here).</summary>
    public required long Rows { get; init; }

    /// <summary>Distinct InvoiceNo values, cancellations included.</summary>
    public required int Invoices { get; init; }

    /// <summary>Distinct cancelled invoices: InvoiceNo starting with "C".</summary>
    public required int Cancellations { get; init; }

    /// <summary>Net sales: Σ Quantity × UnitPrice with returns netted in (what the reference pipeline reports).</summary>
    public required decimal Total { get; init; }

    /// <summary>Σ Quantity × UnitPrice over lines with a positive Quantity.</summary>
    public required decimal GrossSales { get; init; }

    /// <summary>Σ |Quantity| × UnitPrice over lines with a negative Quantity (returns), as a positive amount.</summary>
    public required decimal Returns { get; init; }

    /// <summary>Distinct non-empty CustomerID values.</summary>
    public required int Customers { get; init; }

    /// <summary>Lines whose CustomerID is "" (about a third of the real data).</summary>
    public required long RowsWithoutCustomer { get; init; }

    /// <summary>The earliest InvoiceDate, or null for a file without rows.</summary>
    public required DateTime? FirstInvoice { get; init; }

    /// <summary>The latest InvoiceDate, or null for a file without rows.</summary>
    public required DateTime? LastInvoice { get; init; }

    /// <summary>How many rows were quarantined (always 0 under <see cref="RowErrorPolicy.Fail"/>).</summary>
    public required long RowErrors { get; init; }

    /// <summary>The first <see cref="SalesAggregatorOptions.MaxErrorsKept"/> quarantined rows' errors.</summary>
    public required IReadOnlyList<RowError> Errors { get; init; }
}

namespace BatchKit.Sales;

/// <summary>
/// The running, unrounded totals of one store file. Distinct invoices and customers are kept as string sets;
/// repeated values are looked up by span so only the first occurrence of each allocates.
/// </summary>
internal sealed class StoreAccumulator
{
    private readonly HashSet<string> _invoices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _customers = new(StringComparer.Ordinal);
    private readonly List<RowError> _errors = [];
    private readonly int _maxErrorsKept;

    private long _rows;
    private int _cancellations;
    private long _rowsWithoutCustomer;
    private long _rowErrors;
    private decimal _net;
    private decimal _gross;
    private decimal _returns;
    private DateTime? _first;
    private DateTime? _last;

    public StoreAccumulator(int maxErrorsKept)
    {
        _maxErrorsKept = maxErrorsKept;
    }

    public void AddLine(ReadOnlySpan<char> invoiceNo, int quantity, decimal unitPrice, DateTime invoiceDate, ReadOnlySpan<char> customerId)
    {
        // checked: decimal arithmetic throws OverflowException rather than wrapping; the caller names the row.
        var line = quantity * unitPrice;
        _net += line;
        if (quantity >= 0)
        {
            _gross += line;
        }
        else
        {
            _returns -= line;
        }

        _rows++;
        if (_invoices.GetAlternateLookup<ReadOnlySpan<char>>().Add(invoiceNo) && invoiceNo.StartsWith('C'))
        {
            _cancellations++;
        }

        if (customerId.IsEmpty)
        {
            _rowsWithoutCustomer++;
        }
        else
        {
            _customers.GetAlternateLookup<ReadOnlySpan<char>>().Add(customerId);
        }

        if (_first is null || invoiceDate < _first)
        {
            _first = invoiceDate;
        }

        if (_last is null || invoiceDate > _last)
        {
            _last = invoiceDate;
        }
    }

    public void Quarantine(RowError error)
    {
        _rowErrors++;
        if (_errors.Count < _maxErrorsKept)
        {
            _errors.Add(error);
        }
    }

    public StoreSummary ToSummary() => new()
    {
        Rows = _rows,
        Invoices = _invoices.Count,
        Cancellations = _cancellations,
        Total = Money.RoundToCents(_net),
        GrossSales = Money.RoundToCents(_gross),
        Returns = Money.RoundToCents(_returns),
        Customers = _customers.Count,
        RowsWithoutCustomer = _rowsWithoutCustomer,
        FirstInvoice = _first,
        LastInvoice = _last,
        RowErrors = _rowErrors,
        Errors = _errors.ToArray(),
    };
}

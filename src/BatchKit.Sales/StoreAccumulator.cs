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

    private string? _lastInvoice;
    private string? _lastCustomer;
    private long _rows;
    private int _cancellations;
    private long _rowsWithoutCustomer;
    private long _rowErrors;
    private decimal _gross;
    private decimal _returns;
    private Int128 _grossFixed;
    private Int128 _returnsFixed;
    private DateTime? _first;
    private DateTime? _last;

    public StoreAccumulator(int maxErrorsKept)
    {
        _maxErrorsKept = maxErrorsKept;
    }

    /// <param name="unitPriceFixed">The price in ten-thousandths when it fits (see <see cref="DecimalText"/>), else -1.</param>
    public void AddLine(ReadOnlySpan<char> invoiceNo, int quantity, decimal unitPrice, long unitPriceFixed, DateTime invoiceDate, ReadOnlySpan<char> customerId)
    {
        AddAmount(quantity, unitPrice, unitPriceFixed);
        _rows++;
        NoteInvoice(invoiceNo);
        NoteCustomer(customerId);
        NoteDate(invoiceDate);
    }

    private void AddAmount(int quantity, decimal unitPrice, long unitPriceFixed)
    {
        if (unitPriceFixed >= 0)
        {
            // Exact integer arithmetic in ten-thousandths: the same value as decimal, several times faster.
            var line = (Int128)quantity * unitPriceFixed;
            if (quantity >= 0)
            {
                _grossFixed += line;
            }
            else
            {
                _returnsFixed -= line;
            }
        }
        else
        {
            // Decimal arithmetic throws OverflowException rather than wrapping; the caller names the row.
            var line = quantity * unitPrice;
            if (quantity >= 0)
            {
                _gross += line;
            }
            else
            {
                _returns -= line;
            }
        }
    }

    // An invoice's lines come together, so most rows repeat the previous row's invoice and customer.
    private void NoteInvoice(ReadOnlySpan<char> invoiceNo)
    {
        if (!invoiceNo.SequenceEqual(_lastInvoice))
        {
            var invoices = _invoices.GetAlternateLookup<ReadOnlySpan<char>>();
            if (invoices.Add(invoiceNo) && invoiceNo.StartsWith('C'))
            {
                _cancellations++;
            }

            invoices.TryGetValue(invoiceNo, out _lastInvoice);
        }
    }

    private void NoteCustomer(ReadOnlySpan<char> customerId)
    {
        if (customerId.IsEmpty)
        {
            _rowsWithoutCustomer++;
        }
        else if (!customerId.SequenceEqual(_lastCustomer))
        {
            var customers = _customers.GetAlternateLookup<ReadOnlySpan<char>>();
            customers.Add(customerId);
            customers.TryGetValue(customerId, out _lastCustomer);
        }
    }

    private void NoteDate(DateTime invoiceDate)
    {
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

    public StoreSummary ToSummary()
    {
        var gross = _gross + FromFixed(_grossFixed);
        var returns = _returns + FromFixed(_returnsFixed);
        return new StoreSummary
        {
            Rows = _rows,
            Invoices = _invoices.Count,
            Cancellations = _cancellations,
            Total = Money.RoundToCents(gross - returns),
            GrossSales = Money.RoundToCents(gross),
            Returns = Money.RoundToCents(returns),
            Customers = _customers.Count,
            RowsWithoutCustomer = _rowsWithoutCustomer,
            FirstInvoice = _first,
            LastInvoice = _last,
            RowErrors = _rowErrors,
            Errors = _errors.ToArray(),
        };
    }

    private static decimal FromFixed(Int128 tenThousandths) => (decimal)tenThousandths / 10_000m;
}

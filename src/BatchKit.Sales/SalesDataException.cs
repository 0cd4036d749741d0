namespace BatchKit.Sales;

/// <summary>A store file the aggregator refuses, with the row error that decided it.</summary>
public sealed class SalesDataException : Exception
{
    public SalesDataException(RowError error)
        : base(error.Message)
    {
        Error = error;
    }

    public SalesDataException(RowError error, Exception inner)
        : base(error.Message, inner)
    {
        Error = error;
    }

    public RowError Error { get; }
}

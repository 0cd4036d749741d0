namespace BatchKit.Sales;

/// <summary>What is wrong with a row (or, for the last three, with the whole file).</summary>
public enum RowErrorKind
{
    /// <summary>Quantity is not an integer, e.g. "abc" or "1.5".</summary>
    NonNumericQuantity,

    /// <summary>UnitPrice is not a plain decimal number, e.g. "abc" or "1e3".</summary>
    NonNumericUnitPrice,

    /// <summary>UnitPrice is below zero; returns carry a negative Quantity, never a negative price.</summary>
    NegativeUnitPrice,

    /// <summary>InvoiceDate is not a real date in the form "DD-MM-YYYY H:mm".</summary>
    BadInvoiceDate,

    /// <summary>One of the eight fields is absent.</summary>
    MissingField,

    /// <summary>A value is not a JSON string (or a row is not a JSON object).</summary>
    WrongJsonType,

    /// <summary>The file's top level is not a JSON array. Always fails the file.</summary>
    NotAnArray,

    /// <summary>The file is not well-formed JSON (truncated, stray bytes). Always fails the file.</summary>
    MalformedJson,
}

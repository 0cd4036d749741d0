using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace BatchKit.Sales;

/// <summary>
/// The token-level state machine behind <see cref="SalesAggregator"/>: fed successive blocks of UTF-8, it keeps the
/// <see cref="JsonReaderState"/> and the current row's fields between blocks, so a row (or a token) may straddle any
/// block boundary. Each row is validated and folded into a <see cref="StoreAccumulator"/> as soon as it closes.
/// </summary>
internal sealed class StoreFileParser
{
    private const int MaxValueEcho = 64;
    private const decimal MaxUnitPrice = 1_000_000_000_000m;

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private readonly SalesAggregatorOptions _options;
    private readonly StoreAccumulator _accumulator;
    private JsonReaderState _state = new(ReaderOptions);

    private Position _position = Position.BeforeArray;
    private int _skipDepth = -1;
    private long _row;

    // The row being read. Only InvoiceNo and CustomerID are kept as text (for the distinct sets), in reused buffers.
    private SalesRowField? _pendingField;
    private SalesRowField? _lastField;
    private int _seen;
    private RowError? _rowError;
    private readonly ArrayBufferWriter<char> _invoiceNo = new(32);
    private readonly ArrayBufferWriter<char> _customerId = new(16);
    private int _quantity;
    private decimal _unitPrice;
    private long _unitPriceFixed;
    private DateTime _invoiceDate;
    private byte[] _scratch = new byte[64];

    public StoreFileParser(SalesAggregatorOptions options)
    {
        _options = options;
        _accumulator = new StoreAccumulator(options.MaxErrorsKept);
    }

    private enum Position
    {
        BeforeArray,
        InArray,
        InRow,
        AfterArray,
    }

    /// <summary>Reads every complete token of <paramref name="block"/>; returns how many bytes were consumed.</summary>
    public int Process(ReadOnlySpan<byte> block, bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(block, isFinalBlock, _state);
        try
        {
            while (reader.Read())
            {
                Handle(ref reader);
            }
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            var message = block.IsEmpty && isFinalBlock && _position == Position.BeforeArray
                ? "the file is empty, expected a JSON array of rows"
                : $"malformed JSON{where}: {e.Message}";
            throw new SalesDataException(new RowError(0, RowErrorKind.MalformedJson, null, message), e);
        }

        _state = reader.CurrentState;
        return checked((int)reader.BytesConsumed);
    }

    /// <summary>Called after the final block: the totals, or an error if the array never closed.</summary>
    public StoreSummary Complete()
    {
        if (_position != Position.AfterArray)
        {
            var message = _position == Position.BeforeArray
                ? "the file is empty, expected a JSON array of rows"
                : "malformed JSON: the file ends before its array closes";
            throw new SalesDataException(new RowError(0, RowErrorKind.MalformedJson, null, message));
        }

        return _accumulator.ToSummary();
    }

    private void Handle(ref Utf8JsonReader reader)
    {
        if (_skipDepth >= 0)
        {
            // Inside a nested object/array that is itself the error; wait for its end.
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == _skipDepth)
            {
                _skipDepth = -1;
                if (_position == Position.InArray)
                {
                    FinishNonObjectRow();
                }
            }

            return;
        }

        switch (_position)
        {
            case Position.BeforeArray:
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new SalesDataException(new RowError(0, RowErrorKind.NotAnArray, null,
                        $"the file is a JSON {Describe(reader.TokenType)}, expected an array of rows"));
                }

                _position = Position.InArray;
                return;

            case Position.InArray:
                HandleArrayElement(ref reader);
                return;

            case Position.InRow:
                HandleRowToken(ref reader);
                return;

            case Position.AfterArray:
                // Utf8JsonReader itself rejects anything after the root value.
                return;
        }
    }

    private void HandleArrayElement(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.EndArray:
                _position = Position.AfterArray;
                return;
            case JsonTokenType.StartObject:
                BeginRow();
                return;
            case JsonTokenType.StartArray:
                _row++;
                _skipDepth = reader.CurrentDepth;
                return;
            default:
                _row++;
                FinishNonObjectRow(reader.TokenType);
                return;
        }
    }

    private void FinishNonObjectRow(JsonTokenType type = JsonTokenType.StartArray) =>
        Reject(new RowError(_row, RowErrorKind.WrongJsonType, null, $"row {_row}: is a JSON {Describe(type)}, expected an object with the eight fields"));

    private void BeginRow()
    {
        _row++;
        _position = Position.InRow;
        _seen = 0;
        _rowError = null;
        _pendingField = null;
        _lastField = null;
    }

    private void HandleRowToken(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                _pendingField = IdentifyField(ref reader);
                return;

            case JsonTokenType.EndObject:
                _position = Position.InArray;
                FinishRow();
                return;

            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                _skipDepth = reader.CurrentDepth;
                WrongType(reader.TokenType);
                return;

            case JsonTokenType.String:
                if (_pendingField is { } field)
                {
                    _seen |= 1 << (int)field;
                    ReadField(field, ref reader);
                }

                _pendingField = null;
                return;

            default:
                WrongType(reader.TokenType);
                return;
        }
    }

    private void WrongType(JsonTokenType type)
    {
        if (_pendingField is { } field)
        {
            _seen |= 1 << (int)field;
            NoteRowError(RowErrorKind.WrongJsonType, field, $"row {_row}: {field} is a JSON {Describe(type)}, expected a string");
        }

        _pendingField = null;
    }

    private SalesRowField? IdentifyField(ref Utf8JsonReader reader)
    {
        // Rows almost always list the fields in schema order: try the one after the last first.
        var guess = _lastField is { } last && last < SalesRowField.Country ? last + 1 : SalesRowField.InvoiceNo;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.SequenceEqual(FieldNames.Utf8[(int)guess]))
        {
            return _lastField = guess;
        }

        // Unknown properties are tolerated and ignored: the schema is the eight fields, extra ones carry nothing we sum.
        for (var field = SalesRowField.InvoiceNo; field <= SalesRowField.Country; field++)
        {
            if (reader.ValueTextEquals(FieldNames.Utf8[(int)field]))
            {
                return _lastField = field;
            }
        }

        return null;
    }

    private void ReadField(SalesRowField field, ref Utf8JsonReader reader)
    {
        switch (field)
        {
            case SalesRowField.InvoiceNo:
                CopyText(ref reader, _invoiceNo);
                return;
            case SalesRowField.CustomerID:
                CopyText(ref reader, _customerId);
                return;
            case SalesRowField.Quantity:
                var quantity = Unescaped(ref reader);
                if (!(Utf8Parser.TryParse(quantity, out _quantity, out var used) && used == quantity.Length && used > 0))
                {
                    NoteRowError(RowErrorKind.NonNumericQuantity, field, $"row {_row}: Quantity {Echo(ref reader)} is not an integer");
                }

                return;
            case SalesRowField.UnitPrice:
                ReadUnitPrice(ref reader);
                return;
            case SalesRowField.InvoiceDate:
                if (!InvoiceDate.TryParse(Unescaped(ref reader), out _invoiceDate))
                {
                    NoteRowError(RowErrorKind.BadInvoiceDate, field,
                        $"row {_row}: InvoiceDate {Echo(ref reader)} is not a date in the form {InvoiceDate.Format}");
                }

                return;
            default:
                // StockCode, Description, Country: required strings, not summed.
                return;
        }
    }

    private void ReadUnitPrice(ref Utf8JsonReader reader)
    {
        if (!DecimalText.TryParse(Unescaped(ref reader), out _unitPrice, out _unitPriceFixed))
        {
            NoteRowError(RowErrorKind.NonNumericUnitPrice, SalesRowField.UnitPrice, $"row {_row}: UnitPrice {Echo(ref reader)} is not a decimal number");
        }
        else if (_unitPrice < 0)
        {
            NoteRowError(RowErrorKind.NegativeUnitPrice, SalesRowField.UnitPrice,
                $"row {_row}: UnitPrice {Echo(ref reader)} is negative; returns carry a negative Quantity, not a negative price");
        }
        else if (_unitPrice > MaxUnitPrice)
        {
            NoteRowError(RowErrorKind.NonNumericUnitPrice, SalesRowField.UnitPrice, $"row {_row}: UnitPrice {Echo(ref reader)} is out of range");
        }
    }

    /// <summary>The string value's bytes: the reader's own span in the common case, an unescaped copy otherwise.</summary>
    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return reader.ValueSpan;
        }

        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (_scratch.Length < length)
        {
            _scratch = new byte[length];
        }

        return _scratch.AsSpan(0, reader.CopyString(_scratch));
    }

    private static void CopyText(ref Utf8JsonReader reader, ArrayBufferWriter<char> into)
    {
        // Consecutive rows mostly repeat the invoice and customer: keep the text when it has not changed.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && SameAscii(reader.ValueSpan, into.WrittenSpan))
        {
            return;
        }

        into.Clear();
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var written = reader.CopyString(into.GetSpan(length));
        into.Advance(written);
    }

    private static bool SameAscii(ReadOnlySpan<byte> utf8, ReadOnlySpan<char> text)
    {
        if (utf8.Length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    private void NoteRowError(RowErrorKind kind, SalesRowField? field, string message) =>
        _rowError ??= new RowError(_row, kind, field, message);

    private void FinishRow()
    {
        if (_rowError is null)
        {
            for (var field = SalesRowField.InvoiceNo; field <= SalesRowField.Country; field++)
            {
                if ((_seen & (1 << (int)field)) == 0)
                {
                    _rowError = new RowError(_row, RowErrorKind.MissingField, field, $"row {_row}: field {field} is missing");
                    break;
                }
            }
        }

        if (_rowError is { } error)
        {
            Reject(error);
            return;
        }

        try
        {
            _accumulator.AddLine(_invoiceNo.WrittenSpan, _quantity, _unitPrice, _unitPriceFixed, _invoiceDate, _customerId.WrittenSpan);
        }
        catch (OverflowException e)
        {
            throw new SalesDataException(new RowError(_row, RowErrorKind.NonNumericQuantity, SalesRowField.Quantity,
                $"row {_row}: Quantity × UnitPrice overflows the store's total"), e);
        }
    }

    private void Reject(RowError error)
    {
        if (_options.Policy == RowErrorPolicy.Fail)
        {
            throw new SalesDataException(error);
        }

        _accumulator.Quarantine(error);
    }

    private static string Echo(ref Utf8JsonReader reader)
    {
        var text = reader.GetString() ?? "";
        if (text.Length > MaxValueEcho)
        {
            text = string.Concat(text.AsSpan(0, MaxValueEcho), "…");
        }

        // Quoted as JSON would write it (trim-safe: no serializer), so the message shows exactly what the file held.
        return "\"" + JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    private static class FieldNames
    {
        public static readonly byte[][] Utf8 = Enum.GetNames<SalesRowField>().Select(Encoding.UTF8.GetBytes).ToArray();
    }
}

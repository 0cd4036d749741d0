using System.Globalization;

namespace ScheduledValidation.Validation;

/// <summary>
/// The rules an incoming orders file is held to, stated once: the header <see cref="Header"/> exactly, then one order
/// a line with <see cref="Columns"/> comma-separated values (none quoted): a non-empty <c>order_id</c>, a
/// <c>quantity</c> that is a whole number of at least 1, a <c>unit_price</c> that is a non-negative decimal with at most
/// two decimals, and an <c>order_date</c> as <c>yyyy-MM-dd</c>. Blank lines are skipped. A row is valid when every
/// rule holds and invalid otherwise (its first problem is kept); a file with another header has no valid rows, since
/// its columns cannot be trusted.
/// </summary>
public static class OrdersCsv
{
    public const string Header = "order_id,sku,quantity,unit_price,order_date";

    public const int Columns = 5;

    /// <summary>At most this many problems are kept in a result object; the counts always cover every row.</summary>
    public const int MaxProblemsKept = 100;

    public static FileValidation Validate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var headerOk = lines[0].Trim() == Header;
        var (valid, invalid) = (0, 0);
        var problems = new List<RowProblem>();
        if (!headerOk)
        {
            problems.Add(new RowProblem(1, $"the header must be '{Header}', not '{lines[0].Trim()}'"));
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var problem = headerOk ? RowProblemOf(lines[i]) : "the file's header is wrong";
            if (problem is null)
            {
                valid++;
                continue;
            }

            invalid++;
            if (problems.Count < MaxProblemsKept && headerOk)
            {
                problems.Add(new RowProblem(i + 1, problem));
            }
        }

        return new FileValidation(headerOk, valid, invalid, problems);
    }

    /// <summary>The row's first broken rule, or null for a valid row.</summary>
    public static string? RowProblemOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split(',');
        if (fields.Length != Columns)
        {
            return $"expected {Columns} columns, found {fields.Length}";
        }

        var (orderId, quantity, price, date) = (fields[0].Trim(), fields[2].Trim(), fields[3].Trim(), fields[4].Trim());
        if (orderId.Length == 0)
        {
            return "order_id is empty";
        }

        if (!int.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return $"quantity '{quantity}' is not a whole number of at least 1";
        }

        if (!decimal.TryParse(price, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount.Scale > 2)
        {
            return $"unit_price '{price}' is not a non-negative amount with at most two decimals";
        }

        return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : $"order_date '{date}' is not a date as yyyy-MM-dd";
    }
}

using System.CommandLine;
using System.Globalization;
using BatchKit.Sales;
using BatchKit.SampleData;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary><c>batchkit generate</c>: a synthetic day zip and its exact expected totals.</summary>
internal static class GenerateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var stores = new Option<int>("--stores") { Description = "How many store files the day has (store_1000.json, ...).", DefaultValueFactory = _ => 10 };
        var rows = new Option<string>("--rows")
        {
            Description = "Rows per store: N, or a range MIN-MAX drawn per store.", DefaultValueFactory = _ => "200-1000",
        };
        var date = new Option<string>("--date")
        {
            Description = "The business day, YYYY-MM-DD; invoices fall inside it.", DefaultValueFactory = _ => "2010-12-01",
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed: the same seed and options give a byte-identical zip.", DefaultValueFactory = _ => 42,
        };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The zip to write; <name>.expected.json is written beside it.", Required = true };
        var returnRate = new Option<double>("--return-rate")
        {
            Description = "Share of invoices that are cancellations (returns), 0-1.", DefaultValueFactory = _ => 0.02,
        };
        var badRows = new Option<string?>("--bad-rows")
        {
            Description = $"Inject bad data of these kinds (comma-separated, or 'all'): {string.Join(", ", Enum.GetNames<BadRowKind>())}.",
        };
        var badRowRate = new Option<double>("--bad-row-rate")
        {
            Description = "Chance per row (per store for the file kinds) of injecting bad data, 0-1.", DefaultValueFactory = _ => 0.01,
        };

        var command = new Command("generate", "Generate a synthetic daily zip of store sales with its exact expected totals.")
        {
            stores, rows, date, seed, output, returnRate, badRows, badRowRate,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async ct =>
        {
            var (rowsMin, rowsMax) = ParseRows(parse.GetValue(rows)!);
            var options = new GeneratorOptions
            {
                Stores = parse.GetValue(stores),
                RowsMin = rowsMin,
                RowsMax = rowsMax,
                Date = ParseDate(parse.GetValue(date)!),
                Seed = parse.GetValue(seed),
                ReturnRate = parse.GetValue(returnRate),
                BadRowKinds = parse.GetValue(badRows) is { } kinds ? BadRowKinds.Parse(kinds) : [],
                BadRowRate = parse.GetValue(badRowRate),
            };
            options.Validate();
            var zipPath = parse.GetValue(output)!.FullName;

            var totals = await GenerateWithProgressAsync(console, options, zipPath, ct).ConfigureAwait(false);
            Report(console, totals, zipPath);
        }, cancellationToken));

        return command;
    }

    internal static (int Min, int Max) ParseRows(string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length == 1 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return (n, n);
        }

        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
        {
            return (min, max);
        }

        throw new InvalidOptionException("rows", $"'{text}' is neither a number of rows nor a range MIN-MAX (for example 1000 or 200-1000)");
    }

    internal static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidOptionException("date", $"'{text}' is not a date in the form YYYY-MM-DD");

    private static Task<DayTotals> GenerateWithProgressAsync(IAnsiConsole console, GeneratorOptions options, string zipPath, CancellationToken ct)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            // Redirected output (CI, logs): a plain line per tenth of the stores instead of a redrawn bar.
            var step = Math.Max(1, options.Stores / 10);
            var lines = new ActionProgress<GeneratorProgress>(p =>
            {
                if (p.StoresDone % step == 0 || p.StoresDone == p.Stores)
                {
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {p.StoresDone}/{p.Stores} stores, {p.RowsWritten:N0} rows"));
                }
            });
            return Task.Run(() => DayGenerator.GenerateToFile(options, zipPath, lines, ct), ct);
        }

        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Generating {options.Stores} stores", maxValue: Math.Max(1, options.Stores));
                var progress = new ActionProgress<GeneratorProgress>(p => task.Value = p.StoresDone);
                var totals = await Task.Run(() => DayGenerator.GenerateToFile(options, zipPath, progress, ct), ct).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return totals;
            });
    }

    private static void Report(IAnsiConsole console, DayTotals totals, string zipPath)
    {
        var table = new Table().AddColumns("stores", "rows", "bad rows", "failing stores", "total");
        table.AddRow(
            totals.Stores.Count.ToString("N0", CultureInfo.InvariantCulture),
            totals.Rows.ToString("N0", CultureInfo.InvariantCulture),
            totals.Stores.Values.Sum(s => s.BadRows).ToString("N0", CultureInfo.InvariantCulture),
            totals.Stores.Values.Count(s => s.FailsByDefault).ToString("N0", CultureInfo.InvariantCulture),
            Money.ToText(totals.Total));
        console.Write(table);
        console.MarkupLineInterpolated($"wrote [green]{zipPath}[/]");
        console.MarkupLineInterpolated($"  and [green]{DayGenerator.ExpectedPathFor(zipPath)}[/]");
    }
}

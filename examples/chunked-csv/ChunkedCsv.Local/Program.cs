using System.Globalization;
using BatchKit.Examples.Local;
using ChunkedCsv.Batch;
using ChunkedCsv.Local;

// `chunked-csv-local demo --functions DIR --orders FILE --prices FILE [--chunk-size N]`: BatchKit's emulator in this
// process (or BATCHKIT_ENDPOINT), the stack deployed into it, the prices seeded, the orders uploaded under input/, the
// run followed to the mailed link, which is fetched with a plain HTTP client. Exit 1 if the run fails.
if (args.Length == 0 || args[0] != "demo")
{
    Console.Error.WriteLine("usage: chunked-csv-local demo --functions <dir with the bootstrap> --orders <orders CSV> --prices <prices CSV> [--chunk-size 25]");
    return 2;
}

var (functions, orders, pricesFile) = (Option("--functions"), Option("--orders"), Option("--prices"));
if (functions is null || orders is null || pricesFile is null)
{
    Console.Error.WriteLine("chunked-csv-local demo: --functions, --orders and --prices are required");
    return 2;
}

var chunkSize = CsvChunks.DefaultSize;
if (Option("--chunk-size") is { } size && (!int.TryParse(size, CultureInfo.InvariantCulture, out chunkSize) || chunkSize is < 1 or > CsvChunks.MaxSize))
{
    Console.Error.WriteLine($"chunked-csv-local: --chunk-size must be a whole number from 1 to {CsvChunks.MaxSize}, got '{size}'");
    return 2;
}

var prices = ReadPrices(pricesFile);
// The functions run in place from their build folder: the emulator allows hot reload from there only.
await using var endpoint = await LocalEndpoint.StartAsync(o => o with { HotReloadDirectories = [Path.GetFullPath(functions)] });
Console.WriteLine(endpoint.Emulator is null ? $"endpoint {endpoint.Url} (BATCHKIT_ENDPOINT)" : $"BatchKit emulator started on {endpoint.Url}");
var stack = new ChunkedCsvStack(endpoint, functions, new Progress<string>(step => Console.WriteLine("  deploy: " + step))) { ChunkSize = chunkSize };
var deployment = await stack.DeployAsync();
var run = new ChunkedCsvRun(endpoint, deployment);
await run.PutPricesAsync(prices);
Console.WriteLine($"{prices.Count} prices in {ChunkedCsvNames.PricesTable}");
var name = await run.UploadAsync(Path.GetFileName(orders), await File.ReadAllBytesAsync(orders));
Console.WriteLine($"uploaded s3://{deployment.Bucket}/{ChunkedCsvNames.Input}{Path.GetFileName(orders)} → execution {name} (chunks of {chunkSize})");

var execution = await run.WaitAsync(name, TimeSpan.FromMinutes(3));
Console.WriteLine($"execution {execution.Status}");
if (execution.Status != "SUCCEEDED")
{
    Console.WriteLine($"  {execution.Error}: {execution.Cause}");
    return 1;
}

Console.WriteLine("  output: " + execution.Output);
foreach (var chunk in (await run.ChunkExecutionsAsync(execution.ExecutionArn)).OrderBy(c => c.StartDate))
{
    Console.WriteLine($"  nested {chunk.Name}: {chunk.Status} {chunk.Output}");
}

foreach (var (line, reason, row) in await run.InvalidRowsAsync(name))
{
    Console.WriteLine($"  invalid line {line}: {reason} ('{row}')");
}

var mail = (await run.MailToAsync(deployment.Recipient))[^1];
Console.WriteLine($"mail to {deployment.Recipient}: {mail["Subject"]}");
using var http = new HttpClient(); // the presigned link alone, no credentials
var merged = await http.GetStringAsync(new Uri(ChunkedCsvRun.Link(mail)));
var lines = merged.Split('\n', StringSplitOptions.RemoveEmptyEntries);
Console.WriteLine($"fetched the link: {lines.Length - 1} rows; the first ones:");
foreach (var line in lines.Take(6))
{
    Console.WriteLine("  " + line);
}

return 0;

string? Option(string option) => Array.IndexOf(args, option) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static Dictionary<string, decimal> ReadPrices(string path) => File.ReadLines(path).Skip(1).Where(l => l.Trim().Length > 0)
    .Select(l => l.Split(','))
    .ToDictionary(f => f[0].Trim(), f => decimal.Parse(f[1], NumberStyles.Number, CultureInfo.InvariantCulture), StringComparer.Ordinal);

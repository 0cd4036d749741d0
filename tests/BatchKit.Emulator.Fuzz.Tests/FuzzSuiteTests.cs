using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.S3;
using Xunit.Abstractions;

namespace BatchKit.Emulator.Fuzz.Tests;

/// <summary>
/// Issue 12 item 2: for every operation the emulator implements (read from its providers and checked against
/// botocore's models), requests generated from the operation's input shape — wrong types, nulls, missing and extra
/// members, numbers out of range, control characters, oversized strings, hostile bodies — are sent over HTTP,
/// signed, to an in-process emulator. Each answer must be an AWS-shaped 4xx (or a success where AWS would accept the
/// request too), never a 5xx, and the emulator must keep answering. Prints operations × cases and the totals.
/// </summary>
public sealed partial class FuzzSuiteTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-fuzz-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private EmulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = _data });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Every_implemented_operation_answers_every_generated_case_with_an_AWS_shaped_4xx_and_stays_up()
    {
        var clock = Stopwatch.StartNew();
        var plans = Plans();
        var missing = plans.SelectMany(p => p.Operations.Where(o => p.Model["operations"]![o] is null).Select(o => $"{p.Model["metadata"]!["serviceId"]}.{o}")).ToList();
        Assert.True(missing.Count == 0, "operations the emulator implements that botocore's models do not have: " + string.Join(", ", missing));
        await S3Baseline();

        var rows = new List<(string Operation, int Cases, int MustFail, int Refused, int Accepted)>();
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var plan in plans)
        {
            var requests = new FuzzRequests(_host.ServiceUrl, plan.Model);
            foreach (var operation in plan.Operations.Order(StringComparer.Ordinal))
            {
                var allowed = Allowed(plan, operation);
                var cases = Cases(plan, operation).ToList();
                var refused = 0;
                foreach (var c in cases)
                {
                    kinds[c.Kind] = kinds.GetValueOrDefault(c.Kind) + 1;
                    var (status, problem) = await SendAsync(requests, c, allowed);
                    refused += status >= 400 ? 1 : 0;
                    if (problem is not null)
                    {
                        problems.Add($"{c}: {problem}");
                    }
                }

                rows.Add(($"{plan.Model["metadata"]!["serviceId"]}.{operation}", cases.Count, cases.Count(c => c.MustFail), refused, cases.Count - refused));
                await AssertStillAnsweringAsync($"after {operation}");
            }
        }

        Report(rows, kinds, problems.Count, clock.Elapsed);
        Assert.True(problems.Count == 0, $"{problems.Count} answers were wrong:\n" + string.Join('\n', problems.Take(80)));
    }

    /// <summary>One protocol's services: the model to generate from, and the operations the emulator implements.</summary>
    private sealed record Plan(string Kind, JsonObject Model, IReadOnlyCollection<string> Operations);

    private List<Plan> Plans()
    {
        var services = _host.Services;
        return
        [
            .. services.AwsJson.Services.Select(s => new Plan("json", AsJson(BotocoreModels.Load(s.ModelName), s), s.Operations)),
            .. services.RestJson.Services.Select(s => new Plan("rest-json", BotocoreModels.Load(s.ModelName), s.Operations)),
            new Plan("s3", BotocoreModels.Load("s3"), S3Provider.Operations),
        ];
    }

    /// <summary>
    /// A model whose botocore protocol is query (STS) is driven over the AWS JSON protocol the emulator also serves it
    /// on: the target prefix and JSON version come from the service, the shapes from the model.
    /// </summary>
    private static JsonObject AsJson(JsonObject model, IJsonService service)
    {
        var metadata = model["metadata"]!.AsObject();
        if (metadata["protocol"]!.GetValue<string>() != "json")
        {
            metadata["protocol"] = "json";
            metadata["targetPrefix"] = service.TargetPrefix;
            metadata["jsonVersion"] = service.ContentType["application/x-amz-json-".Length..];
        }

        return model;
    }

    private static IEnumerable<FuzzCase> Cases(Plan plan, string operation)
    {
        if (plan.Kind == "s3")
        {
            return new S3Cases(plan.Model).For(operation);
        }

        var service = plan.Model["metadata"]!["endpointPrefix"]!.GetValue<string>();
        var input = plan.Model["operations"]![operation]!["input"]?["shape"]?.GetValue<string>();
        var cases = input is null ? [] : new JsonCases(service, new ShapeSamples(plan.Model)).For(operation, input);
        if (operation == "Invoke")
        {
            var function = new JsonObject { ["FunctionName"] = "fuzz" };
            cases = cases.Concat(
            [
                new FuzzCase(service, operation, "invalid-json", "Payload", function, MustFail: true) { RawBody = "{not json"u8.ToArray() },
                new FuzzCase(service, operation, "oversized", "Payload", function, MustFail: true) { RawBody = Encoding.UTF8.GetBytes($"\"{new string('p', 6_400_000)}\"") },
                new FuzzCase(service, operation, "deep-json", "Payload", function, MustFail: false) { RawBody = Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)) },
            ]);
        }

        return cases;
    }

    private static HashSet<string> Allowed(Plan plan, string operation)
    {
        var allowed = new HashSet<string>(plan.Kind == "s3" ? ResponseCheck.CommonS3Errors : ResponseCheck.CommonJsonErrors, StringComparer.Ordinal);
        if (plan.Model["metadata"]!["serviceId"]!.GetValue<string>() == "SQS")
        {
            // SQS's common errors include InvalidParameterValue (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html),
            // its JSON protocol's name for a queue name or attribute SQS refuses.
            allowed.Add("InvalidParameterValueException");
        }

        foreach (var error in plan.Model["operations"]![operation]!["errors"] as JsonArray ?? [])
        {
            var shape = plan.Model["shapes"]![error!["shape"]!.GetValue<string>()]!;
            allowed.Add(shape["error"]?["code"]?.GetValue<string>() ?? error["shape"]!.GetValue<string>());
            allowed.Add(error["shape"]!.GetValue<string>());
        }

        return allowed;
    }

    private async Task<(int Status, string? Problem)> SendAsync(FuzzRequests requests, FuzzCase c, IReadOnlySet<string> allowed)
    {
        var prepared = c.Service == "s3" ? await S3PrepareAsync(c) : c;
        using var request = requests.Build(prepared);
        try
        {
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, ResponseCheck.Problem(prepared, response, body, allowed));
        }
        catch (HttpRequestException e)
        {
            return (0, "the connection failed: " + e.Message);
        }
    }

    private async Task AssertStillAnsweringAsync(string when)
    {
        using var health = await _http.GetAsync(new Uri(_host.ServiceUrl, "/_batchkit/health"));
        Assert.True(health.IsSuccessStatusCode, $"the emulator stopped answering {when}: {health.StatusCode}");
    }

    private void Report(List<(string Operation, int Cases, int MustFail, int Refused, int Accepted)> rows, SortedDictionary<string, int> kinds, int problems, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"operation",-52} {"cases",6} {"must-fail",9} {"4xx",6} {"2xx/3xx",8}");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{row.Operation,-52} {row.Cases,6} {row.MustFail,9} {row.Refused,6} {row.Accepted,8}");
        }

        text.AppendLine("cases by kind: " + string.Join(", ", kinds.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value}"))));
        text.AppendLine(CultureInfo.InvariantCulture,
            $"total: {rows.Count} operations x {rows.Sum(r => r.Cases)} cases ({rows.Sum(r => r.MustFail)} that AWS must refuse), "
            + $"{rows.Sum(r => r.Refused)} answered 4xx, {rows.Sum(r => r.Accepted)} accepted, {problems} wrong answers, 0 crashes, in {elapsed.TotalSeconds:0.0} s");
        output.WriteLine(text.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "fuzz-report.txt"), text.ToString());
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Runtime;
using BatchKit.Emulator.Services.Logs;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// AWS Lambda (REST-JSON under <c>/2015-03-31/functions</c>) for functions on OS-only runtimes: each runs its real
/// <c>bootstrap</c> through the Runtime API in warm execution environments. One method per operation, named after it.
/// https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
/// </summary>
internal sealed partial class LambdaProvider(
    LambdaStore store,
    FunctionCode code,
    IWorkloadLauncher launcher,
    EmulatorEndpoint endpoint,
    EmulatorOptions options,
    TimeProvider time,
    Action? invocationsChanged = null)
    : IRestJsonService, IAsyncDisposable
{
    public const string PathPrefix = "/2015-03-31/functions";
    private const int LogTailBytes = 4 * 1024;
    private static readonly string[] Runtimes = ["provided.al2023", "provided.al2", "provided"];
    private readonly AsyncInvoker _async = new(options, time);

    public AsyncInvoker Async => _async;

    /// <summary>Where the functions' output goes: <c>/aws/lambda/&lt;function&gt;</c> in CloudWatch Logs (none: the viewer's log only).</summary>
    public LogsIngest? Logs { get; init; }

    /// <summary>Largest Invoke payload of a synchronous call (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).</summary>
    public const long MaxInvokePayloadBytes = 6_291_456;

    /// <summary>Largest payload of an asynchronous (Event) Invoke (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).</summary>
    public const long MaxAsyncPayloadBytes = 1_048_576;

    /// <summary>Largest CreateFunction / UpdateFunctionCode request: a 50 MB zip, base64-encoded in JSON (AWS's own figure).</summary>
    public const long MaxCodeRequestBytes = 70_167_211;

    public string SigningName => "lambda";

    public string ModelName => "lambda";

    public IReadOnlyCollection<string> Operations { get; } =
    [
        "CreateFunction", "ListFunctions", "GetFunction", "DeleteFunction", "GetFunctionConfiguration",
        "UpdateFunctionConfiguration", "UpdateFunctionCode", "AddPermission", "Invoke",
        "PutFunctionConcurrency", "GetFunctionConcurrency", "DeleteFunctionConcurrency", "PublishVersion", "ListVersionsByFunction",
        "CreateAlias", "ListAliases", "GetAlias", "UpdateAlias", "DeleteAlias",
    ];

    /// <summary>
    /// True when a request is for Lambda: it was signed for <c>lambda</c>. Every Lambda path is Lambda's, whatever its API
    /// date (<c>/2019-09-30/functions/{name}/concurrency</c> too), and a bucket named like a date stays S3's.
    /// </summary>
    public bool Serves(HttpRequest request) => SigningScope.Service(request) == "lambda";

    public (long Limit, Func<long, ServiceErrorException> TooLarge) BodyLimit(string operation) => operation switch
    {
        "Invoke" => (MaxInvokePayloadBytes, limit => LambdaErrors.RequestTooLarge(limit, "InvokeFunction")),
        "CreateFunction" or "UpdateFunctionCode" => (MaxCodeRequestBytes, limit => LambdaErrors.RequestEntityTooLarge(limit, operation)),
        _ => (1 << 20, limit => LambdaErrors.RequestEntityTooLarge(limit, operation)),
    };

    public async Task HandleAsync(HttpContext context, RestRequest request)
    {
        var input = request.Input;
        switch (request.Operation)
        {
            case "CreateFunction":
                await WriteAsync(context, await CreateFunctionAsync(input).ConfigureAwait(false), 201).ConfigureAwait(false);
                break;
            case "ListFunctions":
                await WriteAsync(context, ListFunctions()).ConfigureAwait(false);
                break;
            case "GetFunction":
                await WriteAsync(context, GetFunction(request.Label("FunctionName"))).ConfigureAwait(false);
                break;
            case "DeleteFunction":
                await DeleteFunctionAsync(request.Label("FunctionName")).ConfigureAwait(false);
                context.Response.StatusCode = 204;
                break;
            case "GetFunctionConfiguration":
                await WriteAsync(context, Runtime(request.Label("FunctionName")).Function.ToConfiguration()).ConfigureAwait(false);
                break;
            case "UpdateFunctionConfiguration":
                await WriteAsync(context, await UpdateFunctionConfigurationAsync(request.Label("FunctionName"), input).ConfigureAwait(false))
                    .ConfigureAwait(false);
                break;
            case "UpdateFunctionCode":
                await WriteAsync(context, await UpdateFunctionCodeAsync(request.Label("FunctionName"), input).ConfigureAwait(false)).ConfigureAwait(false);
                break;
            case "AddPermission":
                await WriteAsync(context, AddPermission(request.Label("FunctionName"), input), 201).ConfigureAwait(false);
                break;
            case "Invoke":
                await InvokeAsync(context, request.Label("FunctionName"), request.Body).ConfigureAwait(false);
                break;
            default:
                await HandleVersionsAndConcurrencyAsync(context, request).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html</summary>
    public async Task<JsonObject> CreateFunctionAsync(JsonObject request)
    {
        var name = request["FunctionName"]?.GetValue<string>() ?? throw LambdaErrors.InvalidParameterValue("FunctionName is required.");
        if (!FunctionName().IsMatch(name))
        {
            throw LambdaErrors.InvalidParameterValue(
                $"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression "
                + $"pattern: [a-zA-Z0-9-_]{{1,64}}");
        }

        if (store.Functions.ContainsKey(name))
        {
            throw LambdaErrors.FunctionExists(name);
        }

        var function = Configure(name, request, previous: null);
        var runtime = NewRuntime(function);
        if (!store.Functions.TryAdd(name, runtime))
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw LambdaErrors.FunctionExists(name);
        }

        store.Configurations[name] = function; // on the disk before CreateFunction answers
        return function.ToConfiguration();
    }

    public JsonObject GetFunction(string nameOrArn)
    {
        var function = Runtime(nameOrArn).Function;
        return new JsonObject
        {
            ["Configuration"] = function.ToConfiguration(),
            ["Code"] = new JsonObject
            {
                ["RepositoryType"] = "S3", ["Location"] = new Uri(endpoint.Url, "/_batchkit/lambda/" + function.FunctionName).ToString(),
            },
        };
    }

    public JsonObject ListFunctions() =>
        new()
        {
            ["Functions"] = new JsonArray([.. store.Functions.Values
                .Select(r => r.Function)
                .OrderBy(f => f.FunctionName, StringComparer.Ordinal)
                .Select(f => (JsonNode)f.ToConfiguration())]),
        };

    public async Task DeleteFunctionAsync(string nameOrArn)
    {
        var name = Runtime(nameOrArn).Function.FunctionName;
        if (store.Functions.TryRemove(name, out var runtime))
        {
            store.Configurations.TryRemove(name, out _);
            store.Policies.TryRemove(name, out _);
            store.Aliases.TryRemove(name, out _);
            store.Concurrency.TryRemove(name, out _);
            await runtime.DisposeAsync().ConfigureAwait(false);
            foreach (var version in store.Versions.TryRemove(name, out var versions) ? versions : [])
            {
                await version.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>New settings apply from the next cold start: warm environments of the old configuration are stopped.</summary>
    public Task<JsonObject> UpdateFunctionConfigurationAsync(string nameOrArn, JsonObject request) =>
        ReplaceAsync(nameOrArn, old => Configure(old.FunctionName, request, old));

    public Task<JsonObject> UpdateFunctionCodeAsync(string nameOrArn, JsonObject request) =>
        ReplaceAsync(nameOrArn, old =>
        {
            var unpacked = code.Materialize(old.FunctionName, request);
            return old with { CodeDirectory = unpacked.Directory, CodeSize = unpacked.Size, CodeSha256 = unpacked.Sha256, LastModified = time.GetUtcNow() };
        });

    /// <summary>Records the statement (S3 and Step Functions need one on AWS); the emulator does not enforce policies.</summary>
    public JsonObject AddPermission(string nameOrArn, JsonObject request)
    {
        var function = Runtime(nameOrArn).Function;
        var statement = new JsonObject
        {
            ["Sid"] = request["StatementId"]?.GetValue<string>() ?? throw LambdaErrors.InvalidParameterValue("StatementId is required."),
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = request["Principal"]?.GetValue<string>() ?? "" },
            ["Action"] = request["Action"]?.GetValue<string>() ?? "lambda:InvokeFunction",
            ["Resource"] = function.FunctionArn,
        };
        var statements = store.Policies.GetOrAdd(function.FunctionName, _ => []);
        lock (statements)
        {
            if (statements.Any(s => s["Sid"]!.GetValue<string>() == statement["Sid"]!.GetValue<string>()))
            {
                throw new ServiceErrorException(
                    "ResourceConflictException",
                    $"The statement id ({statement["Sid"]}) provided already exists. Please provide a new statement id, or remove the existing statement.",
                    409);
            }

            statements.Add(statement);
            store.Policies.Save(function.FunctionName);
        }

        return new JsonObject { ["Statement"] = statement.ToJsonString() };
    }

    /// <summary>https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html</summary>
    public async Task InvokeAsync(HttpContext context, string nameOrArn, byte[] body)
    {
        var runtime = Runtime(nameOrArn, context.Request.Query["Qualifier"].ToString());
        if (store.Concurrency.GetValueOrDefault(runtime.Function.FunctionName, -1) == 0)
        {
            throw LambdaErrors.ReservedConcurrencyExceeded();
        }

        var payload = Payload(body);
        var response = context.Response;
        switch (context.Request.Headers["X-Amz-Invocation-Type"].ToString())
        {
            case "" or "RequestResponse":
                var result = await runtime.InvokeAsync(payload).ConfigureAwait(false);
                response.Headers["X-Amz-Executed-Version"] = runtime.Function.Version;
                if (result.FunctionError is { } functionError)
                {
                    response.Headers["X-Amz-Function-Error"] = functionError;
                }

                if (context.Request.Headers["X-Amz-Log-Type"] == "Tail")
                {
                    var log = System.Text.Encoding.UTF8.GetBytes(result.LogTail);
                    response.Headers["X-Amz-Log-Result"] =
                        Convert.ToBase64String(log, Math.Max(0, log.Length - LogTailBytes), Math.Min(log.Length, LogTailBytes));
                }

                response.StatusCode = 200;
                response.ContentType = "application/json";
                await response.Body.WriteAsync(result.Payload, context.RequestAborted).ConfigureAwait(false);
                break;
            case "Event" when payload.Length > MaxAsyncPayloadBytes:
                throw LambdaErrors.RequestTooLarge(MaxAsyncPayloadBytes, "InvokeAsync");
            case "Event":
                _async.Enqueue(runtime, payload);
                response.StatusCode = 202;
                break;
            case "DryRun":
                response.StatusCode = 204;
                break;
            case var other:
                throw LambdaErrors.InvalidParameterValue($"X-Amz-Invocation-Type '{other}' is not one of Event, RequestResponse, DryRun.");
        }
    }

    /// <summary>The runtime of a function given by name, full ARN or partial ARN (only $LATEST exists here).</summary>
    public FunctionRuntime Runtime(string nameOrArn, string? qualifier = null) =>
        TryRuntime(nameOrArn, qualifier, out var runtime, out var arn) ? runtime : throw LambdaErrors.FunctionNotFound(arn);

    /// <summary>As <see cref="Runtime"/>, for callers to whom a missing function is not an error (S3 drops the event).</summary>
    public bool TryRuntime(
        string nameOrArn, string? qualifier, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FunctionRuntime? runtime, out string functionArn)
    {
        var name = nameOrArn;
        var arnQualifier = (string?)null;
        var function = nameOrArn.IndexOf("function:", StringComparison.Ordinal);
        if (function >= 0)
        {
            var rest = nameOrArn[(function + "function:".Length)..].Split(':');
            name = rest[0];
            arnQualifier = rest.Length > 1 ? rest[1] : null;
        }

        qualifier = string.IsNullOrEmpty(qualifier) ? arnQualifier : qualifier;
        functionArn = $"arn:aws:lambda:{options.Region}:{options.AccountId}:function:{name}{(qualifier is null ? "" : ":" + qualifier)}";
        runtime = qualifier is null or "$LATEST" ? store.Functions.GetValueOrDefault(name) : Qualified(name, qualifier);
        return runtime is not null;
    }

    private LambdaFunction Configure(string name, JsonObject request, LambdaFunction? previous)
    {
        var runtime = request["Runtime"]?.GetValue<string>()
            ?? previous?.Runtime
            ?? throw LambdaErrors.InvalidParameterValue("Runtime is required for a zip package.");
        if (!Runtimes.Contains(runtime, StringComparer.Ordinal))
        {
            throw LambdaErrors.InvalidParameterValue(
                $"The runtime '{runtime}' is not supported by BatchKit's emulator: it runs OS-only runtimes ({string.Join(", ", Runtimes)}) whose "
                + "bootstrap it starts as a local process.");
        }

        var role = request["Role"]?.GetValue<string>() ?? previous?.Role ?? throw LambdaErrors.InvalidParameterValue("Role is required.");
        var timeout = request["Timeout"]?.GetValue<int>() ?? previous?.Timeout ?? 3;
        var memory = request["MemorySize"]?.GetValue<int>() ?? previous?.MemorySize ?? 128;
        if (timeout is < 1 or > 900 || memory is < 128 or > 10240)
        {
            throw LambdaErrors.InvalidParameterValue($"Timeout must be 1-900 seconds and MemorySize 128-10240 MB (got {timeout} s, {memory} MB).");
        }

        IReadOnlyDictionary<string, string> environment = request["Environment"]?["Variables"] is JsonObject variables
            ? FunctionEnvironment.Read(variables)
            : previous?.Environment ?? new Dictionary<string, string>(StringComparer.Ordinal);
        FunctionCode.Unpacked unpacked;
        if (previous is null)
        {
            unpacked = code.Materialize(name, request["Code"] as JsonObject ?? throw LambdaErrors.InvalidParameterValue("Code is required."));
        }
        else
        {
            unpacked = new FunctionCode.Unpacked(previous.CodeDirectory, previous.CodeSize, previous.CodeSha256);
        }

        return new LambdaFunction(
            name,
            $"arn:aws:lambda:{options.Region}:{options.AccountId}:function:{name}",
            runtime,
            request["Handler"]?.GetValue<string>() ?? previous?.Handler ?? "bootstrap",
            role,
            timeout,
            memory,
            environment,
            unpacked.Directory,
            unpacked.Size,
            unpacked.Sha256,
            time.GetUtcNow(),
            request["Description"]?.GetValue<string>() ?? previous?.Description)
        {
            LogGroup = request["LoggingConfig"]?["LogGroup"]?.GetValue<string>() ?? previous?.LogGroup,
        };
    }

    private async Task<JsonObject> ReplaceAsync(string nameOrArn, Func<LambdaFunction, LambdaFunction> change)
    {
        var old = Runtime(nameOrArn);
        var replacement = NewRuntime(change(old.Function));
        foreach (var line in old.LogLines())
        {
            replacement.Log(line); // the function's log outlives a code update, as its CloudWatch log group does
        }

        store.Configurations[old.Function.FunctionName] = replacement.Function;
        store.Functions[old.Function.FunctionName] = replacement;
        await old.DisposeAsync().ConfigureAwait(false);
        return replacement.Function.ToConfiguration();
    }

    /// <summary>At start-up: a runtime (no environment yet; the first Invoke starts one) for every function the data directory kept.</summary>
    public void RestoreFunctions()
    {
        foreach (var function in store.Configurations.Values)
        {
            store.Functions.TryAdd(function.FunctionName, NewRuntime(function));
        }
    }

    /// <summary>A function's environments are capped by the emulator's limit and by its reserved concurrency, if lower.</summary>
    private FunctionRuntime NewRuntime(LambdaFunction function) => new(
        function,
        Math.Min(options.MaxLambdaEnvironments, store.Concurrency.GetValueOrDefault(function.FunctionName, int.MaxValue)),
        launcher,
        new LambdaWorkload(endpoint, options),
        time,
        invocationsChanged)
    {
        Logs = Logs,
    };

    /// <summary>The Invoke body: JSON (an empty body is <c>{}</c>), or InvalidRequestContentException as Lambda answers.</summary>
    private static byte[] Payload(byte[] body)
    {
        if (body.Length == 0)
        {
            return "{}"u8.ToArray();
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 1024 }); // parsed without recursion: only checked, never walked
        }
        catch (JsonException e)
        {
            throw LambdaErrors.InvalidRequestContent($"Could not parse request body into json: {e.Message}");
        }

        return body;
    }

    private static Task WriteAsync(HttpContext context, JsonNode body, int status = 200) =>
        JsonProtocol.WriteAsync(context.Response, body, "application/json", status);

    public async ValueTask DisposeAsync()
    {
        var pending = _async.DisposeAsync().AsTask();
        foreach (var runtime in store.Functions.Values)
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
        }

        await pending.ConfigureAwait(false);
    }

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,64}\\z")]
    private static partial Regex FunctionName();
}

using System.Text.Json.Nodes;

namespace BatchKit.Aws.StepFunctions;

/// <summary>Step Functions over the AWS JSON 1.0 protocol (see <see cref="AwsJsonClient"/>).</summary>
public sealed class StepFunctionsClient(AwsClientOptions? options = null) : IStepFunctionsClient, IDisposable
{
    private readonly AwsJsonClient _json = new(AwsService.StepFunctions, options ?? new AwsClientOptions());

    public Uri Endpoint => _json.Endpoint;

    public async Task<StartExecutionResponse> StartExecutionAsync(
        string stateMachineArn, string? name, string input, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["stateMachineArn"] = stateMachineArn, ["input"] = input };
        if (name is not null)
        {
            request["name"] = name;
        }

        var r = await _json.SendAsync("StartExecution", request, cancellationToken).ConfigureAwait(false);
        return new StartExecutionResponse(r["executionArn"]!.GetValue<string>(), Date(r["startDate"])!.Value);
    }

    public Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default) =>
        _json.SendAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = taskToken, ["output"] = output }, cancellationToken);

    public Task SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) =>
        _json.SendAsync(
            "SendTaskFailure",
            new JsonObject { ["taskToken"] = taskToken, ["error"] = Truncate(error, 256), ["cause"] = Truncate(cause, 32768) },
            cancellationToken);

    public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) =>
        _json.SendAsync("SendTaskHeartbeat", new JsonObject { ["taskToken"] = taskToken }, cancellationToken);

    public async Task<DescribeExecutionResponse> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        var r = await _json.SendAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn }, cancellationToken).ConfigureAwait(false);
        // moto's engine leaves out the name; it is the ARN's last part on every endpoint.
        var arn = r["executionArn"]!.GetValue<string>();
        return new DescribeExecutionResponse(
            arn, r["stateMachineArn"]!.GetValue<string>(), Text(r["name"]) ?? arn[(arn.LastIndexOf(':') + 1)..], r["status"]!.GetValue<string>(),
            Date(r["startDate"])!.Value, Date(r["stopDate"]), Text(r["input"]), Text(r["output"]), Text(r["error"]), Text(r["cause"]));
    }

    public async Task<ListExecutionsResponse> ListExecutionsAsync(
        string stateMachineArn, string? statusFilter = null, string? nextToken = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["stateMachineArn"] = stateMachineArn };
        if (statusFilter is not null)
        {
            request["statusFilter"] = statusFilter;
        }

        if (nextToken is not null)
        {
            request["nextToken"] = nextToken;
        }

        return Executions(await _json.SendAsync("ListExecutions", request, cancellationToken).ConfigureAwait(false));
    }

    public async Task<GetExecutionHistoryResponse> GetExecutionHistoryAsync(
        string executionArn, string? nextToken = null, int maxResults = 1000, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["executionArn"] = executionArn, ["maxResults"] = maxResults };
        if (nextToken is not null)
        {
            request["nextToken"] = nextToken;
        }

        var r = await _json.SendAsync("GetExecutionHistory", request, cancellationToken).ConfigureAwait(false);
        var events = r["events"]!.AsArray().Select(e =>
        {
            var o = e!.AsObject();
            var details = o.FirstOrDefault(p => p.Key.EndsWith("EventDetails", StringComparison.Ordinal));
            return new HistoryEventItem(o["id"]!.GetValue<long>(), o["previousEventId"]?.GetValue<long>() ?? 0, o["type"]!.GetValue<string>(),
                Date(o["timestamp"])!.Value, details.Key, details.Value?.ToJsonString());
        }).ToList();
        return new GetExecutionHistoryResponse(events, Text(r["nextToken"]));
    }

    public async Task<CreateStateMachineResponse> CreateStateMachineAsync(
        string name, string definition, string roleArn, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["name"] = name, ["definition"] = definition, ["roleArn"] = roleArn };
        var r = await _json.SendAsync("CreateStateMachine", request, cancellationToken).ConfigureAwait(false);
        return new CreateStateMachineResponse(r["stateMachineArn"]!.GetValue<string>(), Date(r["creationDate"])!.Value);
    }

    public Task UpdateStateMachineAsync(string stateMachineArn, string definition, string? roleArn = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["stateMachineArn"] = stateMachineArn, ["definition"] = definition };
        if (roleArn is not null)
        {
            request["roleArn"] = roleArn;
        }

        return _json.SendAsync("UpdateStateMachine", request, cancellationToken);
    }

    /// <summary>
    /// The state machine's definition and role, or null when there is none with that ARN.
    /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html
    /// </summary>
    public async Task<DescribeStateMachineResponse?> DescribeStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default)
    {
        try
        {
            var request = new JsonObject { ["stateMachineArn"] = stateMachineArn };
            var r = await _json.SendAsync("DescribeStateMachine", request, cancellationToken).ConfigureAwait(false);
            return new DescribeStateMachineResponse(
                r["stateMachineArn"]!.GetValue<string>(), r["name"]!.GetValue<string>(), r["definition"]!.GetValue<string>(), Text(r["roleArn"]));
        }
        catch (AwsServiceException e) when (e.ErrorCode == "StateMachineDoesNotExist")
        {
            return null;
        }
    }

    /// <summary>https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html</summary>
    public Task DeleteStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DeleteStateMachine", new JsonObject { ["stateMachineArn"] = stateMachineArn }, cancellationToken);

    /// <summary>Every state machine (all pages): name and ARN.</summary>
    public async Task<IReadOnlyList<(string Name, string StateMachineArn)>> ListStateMachinesAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<(string, string)>();
        string? token = null;
        do
        {
            var request = new JsonObject();
            if (token is not null)
            {
                request["nextToken"] = token;
            }

            var r = await _json.SendAsync("ListStateMachines", request, cancellationToken).ConfigureAwait(false);
            all.AddRange(r["stateMachines"]!.AsArray().Select(m => (m!["name"]!.GetValue<string>(), m["stateMachineArn"]!.GetValue<string>())));
            token = Text(r["nextToken"]);
        }
        while (token is not null);

        return all;
    }

    /// <summary>The Map Runs of an execution's Distributed Map states (their ARNs).</summary>
    public async Task<IReadOnlyList<string>> ListMapRunsAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        var r = await _json.SendAsync("ListMapRuns", new JsonObject { ["executionArn"] = executionArn }, cancellationToken).ConfigureAwait(false);
        return [.. r["mapRuns"]!.AsArray().Select(m => m!["mapRunArn"]!.GetValue<string>())];
    }

    public async Task<DescribeMapRunResponse> DescribeMapRunAsync(string mapRunArn, CancellationToken cancellationToken = default)
    {
        var r = await _json.SendAsync("DescribeMapRun", new JsonObject { ["mapRunArn"] = mapRunArn }, cancellationToken).ConfigureAwait(false);
        var counts = r["itemCounts"]!;
        return new DescribeMapRunResponse(mapRunArn, r["status"]!.GetValue<string>(), counts["total"]!.GetValue<long>(), counts["pending"]!.GetValue<long>(),
            counts["running"]!.GetValue<long>(), counts["succeeded"]!.GetValue<long>(), counts["failed"]!.GetValue<long>());
    }

    /// <summary>A Distributed Map's child executions (one page of up to 1,000).</summary>
    public async Task<ListExecutionsResponse> ListMapRunExecutionsAsync(
        string mapRunArn, string? nextToken = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["mapRunArn"] = mapRunArn, ["maxResults"] = 1000 };
        if (nextToken is not null)
        {
            request["nextToken"] = nextToken;
        }

        return Executions(await _json.SendAsync("ListExecutions", request, cancellationToken).ConfigureAwait(false));
    }

    public void Dispose() => _json.Dispose();

    /// <summary>The JSON protocol sends timestamps as epoch seconds (with a fraction).</summary>
    private static ListExecutionsResponse Executions(JsonObject r) => new(
        [.. r["executions"]!.AsArray().Select(e => new ExecutionListItem(
            e!["executionArn"]!.GetValue<string>(), e["stateMachineArn"]!.GetValue<string>(), e["name"]!.GetValue<string>(), e["status"]!.GetValue<string>(),
            Date(e["startDate"])!.Value, Date(e["stopDate"])))],
        Text(r["nextToken"]));

    private static DateTimeOffset? Date(JsonNode? node) =>
        node is null ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)(node.GetValue<double>() * 1000));

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    /// <summary>SendTaskFailure limits error to 256 and cause to 32768 characters; longer values would be refused whole.</summary>
    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}

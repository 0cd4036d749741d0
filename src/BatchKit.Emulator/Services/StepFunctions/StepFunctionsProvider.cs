using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Emulator.Protocol;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// AWS Step Functions over BatchKit's States Language engine: one method per operation, named after it.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_Operations.html
/// </summary>
internal sealed partial class StepFunctionsProvider(
    StepFunctionsStore store, ExecutionArchive archive, EmulatorOptions options, TimeProvider time, ExecutionEngine engine) : IJsonService
{
    /// <summary>Largest execution input or task output, UTF-8 (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).</summary>
    public const int MaxPayloadBytes = 262_144;

    private readonly PageTokens _tokens = new(options.SecretKey, "states:page");
    private Dictionary<string, Func<JsonObject, JsonObject>>? _handlers;

    public string TargetPrefix => "AWSStepFunctions";

    public string ContentType => "application/x-amz-json-1.0";

    public string SigningName => "states";

    public string ModelName => "stepfunctions";

    /// <summary>A definition may have 1,048,576 characters; JSON escaping can make each up to six bytes.</summary>
    public long MaxRequestBytes => 8 << 20;

    /// <summary>Every operation: those answered at once (<see cref="Handlers"/>) and the three that wait.</summary>
    public IReadOnlyCollection<string> Operations => [.. Handlers.Keys, "TestState", "StartSyncExecution", "GetActivityTask"];

    private Dictionary<string, Func<JsonObject, JsonObject>> Handlers => _handlers ??= new(StringComparer.Ordinal)
    {
        ["CreateStateMachine"] = CreateStateMachine,
        ["UpdateStateMachine"] = UpdateStateMachine,
        ["DescribeStateMachine"] = DescribeStateMachine,
        ["ListStateMachines"] = ListStateMachines,
        ["DeleteStateMachine"] = DeleteStateMachine,
        ["StartExecution"] = StartExecution,
        ["DescribeExecution"] = DescribeExecution,
        ["ListExecutions"] = ListExecutions,
        ["GetExecutionHistory"] = GetExecutionHistory,
        ["StopExecution"] = StopExecution,
        ["SendTaskSuccess"] = SendTaskSuccess,
        ["SendTaskFailure"] = SendTaskFailure,
        ["SendTaskHeartbeat"] = SendTaskHeartbeat,
        ["ListMapRuns"] = ListMapRuns,
        ["DescribeMapRun"] = DescribeMapRun,
        ["UpdateMapRun"] = UpdateMapRun,
        ["ValidateStateMachineDefinition"] = ValidateStateMachineDefinition,
        ["DescribeStateMachineForExecution"] = DescribeStateMachineForExecution,
        ["CreateActivity"] = CreateActivity,
        ["DescribeActivity"] = DescribeActivity,
        ["ListActivities"] = ListActivities,
        ["DeleteActivity"] = DeleteActivity,
        ["TagResource"] = TagResource,
        ["UntagResource"] = UntagResource,
        ["ListTagsForResource"] = ListTagsForResource,
        ["RedriveExecution"] = RedriveExecution,
        ["PublishStateMachineVersion"] = PublishStateMachineVersion,
        ["ListStateMachineVersions"] = ListStateMachineVersions,
        ["DeleteStateMachineVersion"] = DeleteStateMachineVersion,
        ["CreateStateMachineAlias"] = CreateStateMachineAlias,
        ["DescribeStateMachineAlias"] = DescribeStateMachineAlias,
        ["UpdateStateMachineAlias"] = UpdateStateMachineAlias,
        ["DeleteStateMachineAlias"] = DeleteStateMachineAlias,
        ["ListStateMachineAliases"] = ListStateMachineAliases,
    };

    public Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) => operation switch
    {
        "TestState" => TestStateAsync(request, cancellationToken),
        "StartSyncExecution" => StartSyncExecutionAsync(request, cancellationToken),
        "GetActivityTask" => GetActivityTaskAsync(request, cancellationToken),
        _ when Handlers.TryGetValue(operation, out var handler) => Task.FromResult<JsonNode?>(handler(request)),
        _ => throw new ServiceErrorException(
            "UnknownOperationException", $"The operation {operation} is not supported by BatchKit's Step Functions emulation."),
    };

    public JsonObject CreateStateMachine(JsonObject request)
    {
        var name = ValidName(Required(request, "name"));
        var arn = $"arn:aws:states:{options.Region}:{options.AccountId}:stateMachine:{name}";
        var publish = Publishing(request);
        var definition = Required(request, "definition");
        var record = new StateMachineRecord(arn, name, definition, Parse(definition), RoleArn(Required(request, "roleArn")),
            request["type"]?.GetValue<string>() ?? "STANDARD", time.GetUtcNow(), Guid.NewGuid().ToString());
        if (!store.StateMachines.TryAdd(arn, record))
        {
            var existing = store.StateMachines[arn];
            // Idempotent when nothing differs, as AWS is.
            if (existing.Definition != record.Definition || existing.RoleArn != record.RoleArn || existing.Type != record.Type)
            {
                throw StepFunctionsErrors.StateMachineAlreadyExists(arn);
            }

            record = existing;
        }

        AddTags(arn, request["tags"] as JsonArray);
        var response = new JsonObject { ["stateMachineArn"] = arn, ["creationDate"] = Epoch(record.CreationDate) };
        if (publish)
        {
            response["stateMachineVersionArn"] = Publish(arn, request["versionDescription"]?.GetValue<string>(), null).Arn;
        }

        return response;
    }

    /// <summary>
    /// Changes the definition or role (a new revisionId); with publish=true also publishes a version of the result.
    /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html
    /// </summary>
    public JsonObject UpdateStateMachine(JsonObject request)
    {
        var existing = Machine(Required(request, "stateMachineArn"));
        var publish = Publishing(request);
        var definition = request["definition"]?.GetValue<string>();
        var role = request["roleArn"]?.GetValue<string>();
        if (definition is null && role is null && request["loggingConfiguration"] is null && request["tracingConfiguration"] is null && !publish)
        {
            throw new ServiceErrorException(
                "MissingRequiredParameter", "Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified");
        }

        var updated = existing with
        {
            Definition = definition ?? existing.Definition,
            Parsed = definition is null ? existing.Parsed : Parse(definition),
            RoleArn = role is null ? existing.RoleArn : RoleArn(role),
        };
        if (updated.Definition != existing.Definition || updated.RoleArn != existing.RoleArn)
        {
            updated = updated with { RevisionId = Guid.NewGuid().ToString() };
        }

        store.StateMachines[existing.Arn] = updated;
        var response = new JsonObject { ["updateDate"] = Epoch(time.GetUtcNow()), ["revisionId"] = updated.RevisionId };
        if (publish)
        {
            response["stateMachineVersionArn"] = Publish(existing.Arn, request["versionDescription"]?.GetValue<string>(), null).Arn;
        }

        return response;
    }

    /// <summary>A state machine, or with a version ARN that version (its definition, description and revisionId).</summary>
    public JsonObject DescribeStateMachine(JsonObject request)
    {
        var arn = Required(request, "stateMachineArn");
        if (store.Versions.GetValueOrDefault(arn) is { } version)
        {
            var response = new JsonObject
            {
                ["stateMachineArn"] = version.Arn, ["name"] = Machine(version.StateMachineArn).Name, ["status"] = "ACTIVE", ["definition"] = version.Definition,
                ["roleArn"] = version.RoleArn, ["type"] = version.Type, ["creationDate"] = Epoch(version.CreationDate), ["revisionId"] = version.RevisionId,
            };
            if (version.Description is not null)
            {
                response["description"] = version.Description;
            }

            return response;
        }

        var machine = Machine(arn);
        return new JsonObject
        {
            ["stateMachineArn"] = machine.Arn,
            ["name"] = machine.Name,
            ["status"] = "ACTIVE",
            ["definition"] = machine.Definition,
            ["roleArn"] = machine.RoleArn,
            ["type"] = machine.Type,
            ["creationDate"] = Epoch(machine.CreationDate),
            ["revisionId"] = machine.RevisionId,
        };
    }

    public JsonObject ListStateMachines(JsonObject request) => Page(
        request,
        store.StateMachines.Values.OrderBy(m => m.Name, StringComparer.Ordinal),
        m => new JsonObject { ["stateMachineArn"] = m.Arn, ["name"] = m.Name, ["type"] = m.Type, ["creationDate"] = Epoch(m.CreationDate) },
        "stateMachines");

    public JsonObject DeleteStateMachine(JsonObject request)
    {
        var arn = Required(request, "stateMachineArn");
        store.StateMachines.TryRemove(arn, out _);
        store.Tags.TryRemove(arn, out _);
        DeleteVersionsAndAliases(arn);
        return [];
    }

    /// <summary>Starts the machine, a version of it, or an alias (which picks one of its versions by weight).</summary>
    public JsonObject StartExecution(JsonObject request)
    {
        var (machine, version, aliasArn) = ExecutionTarget(Required(request, "stateMachineArn"));
        var name = ValidName(request["name"]?.GetValue<string>() ?? Guid.NewGuid().ToString());
        var input = ValidInput(request["input"]?.GetValue<string>() ?? "{}");
        var arn = $"arn:aws:states:{options.Region}:{options.AccountId}:execution:{machine.Name}:{name}";
        lock (store.Executions)
        {
            if (store.Executions.TryGetValue(arn, out var existing))
            {
                // Idempotent for a running execution with the same input; anything else is a second run with one name.
                // https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
                if (existing.Execution.Status == ExecutionStatus.Running && existing.Execution.Input == input)
                {
                    return new JsonObject { ["executionArn"] = arn, ["startDate"] = Epoch(existing.Execution.StartDate) };
                }

                throw StepFunctionsErrors.ExecutionAlreadyExists(arn);
            }

            var definition = version is null ? machine.Parsed : VersionDefinition(version);
            var role = version?.RoleArn ?? machine.RoleArn;
            var execution = engine.StartExecution(definition, input, new ExecutionIdentity(arn, name, machine.Arn, machine.Name, role));
            var record = new ExecutionRecord(machine.Arn, execution, version is null ? null : definition, version?.Arn, aliasArn);
            store.Executions[arn] = record;
            archive.Track(record); // on the disk before StartExecution answers
            return new JsonObject { ["executionArn"] = arn, ["startDate"] = Epoch(execution.StartDate) };
        }
    }

    /// <summary>At start-up: the executions the data directory kept (those that were running, failed with the reason).</summary>
    public void RestoreExecutions()
    {
        foreach (var record in archive.Restore())
        {
            var definition = record.VersionArn is { } v && store.Versions.GetValueOrDefault(v) is { } version ? VersionDefinition(version) : null;
            store.Executions[record.Execution.Identity.ExecutionArn] = record with { Definition = definition };
        }
    }

    /// <summary>Completes when the execution ends (for <c>states:startExecution.sync</c>).</summary>
    public Task CompletionOf(string executionArn) => ExecutionOf(executionArn).Execution.Completion;

    public JsonObject DescribeExecution(JsonObject request)
    {
        var record = ExecutionOf(Required(request, "executionArn"));
        var e = record.Execution;
        var outcome = e.Outcome; // one reading: a finishing execution is never SUCCEEDED without its output here
        var response = new JsonObject
        {
            ["executionArn"] = e.Identity.ExecutionArn,
            ["stateMachineArn"] = record.StateMachineArn,
            ["name"] = e.Identity.Name,
            ["status"] = Status(outcome.Status),
            ["startDate"] = Epoch(e.StartDate),
            ["input"] = e.Input,
            ["inputDetails"] = new JsonObject { ["included"] = true },
        };
        if (outcome.StopDate is { } stop)
        {
            response["stopDate"] = Epoch(stop);
        }

        if (outcome.Output is not null)
        {
            response["output"] = outcome.Output;
            response["outputDetails"] = new JsonObject { ["included"] = true };
        }

        if (outcome.Error is not null)
        {
            response["error"] = outcome.Error;
        }

        if (outcome.Cause is not null)
        {
            response["cause"] = outcome.Cause;
        }

        AddVersionFields(response, record);
        AddRedriveFields(response, e, !store.Executions.ContainsKey(e.Identity.ExecutionArn));
        return response;
    }

    /// <summary>
    /// A machine's executions, or with <c>mapRunArn</c> a Distributed Map's child executions.
    /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html
    /// </summary>
    public JsonObject ListExecutions(JsonObject request)
    {
        var machineArn = request["stateMachineArn"]?.GetValue<string>();
        var status = request["statusFilter"]?.GetValue<string>();
        var mapRunArn = request["mapRunArn"]?.GetValue<string>();
        var redriven = RedriveFilter(request["redriveFilter"]?.GetValue<string>());
        IEnumerable<ExecutionRecord> executions;
        if (mapRunArn is not null)
        {
            executions = MapRun(mapRunArn).Children.Select(c => new ExecutionRecord(c.Identity.StateMachineArn, c));
        }
        else
        {
            executions = store.Executions.Values.Where(ListedBy(machineArn));
        }

        executions = executions.Where(r => (status is null || Status(r.Execution.Status) == status) && redriven(r));
        return Page(request, executions.OrderByDescending(r => r.Execution.StartDate), r =>
        {
            var outcome = r.Execution.Outcome;
            var item = new JsonObject
            {
                ["executionArn"] = r.Execution.Identity.ExecutionArn,
                ["stateMachineArn"] = r.StateMachineArn,
                ["name"] = r.Execution.Identity.Name,
                ["status"] = Status(outcome.Status),
                ["startDate"] = Epoch(r.Execution.StartDate),
                ["stopDate"] = outcome.StopDate is { } s ? Epoch(s) : null,
                ["redriveCount"] = r.Execution.RedriveCount,
            };
            AddVersionFields(item, r);
            if (r.Execution.RedriveDate is { } redriveDate)
            {
                item["redriveDate"] = Epoch(redriveDate);
            }

            if (mapRunArn is not null)
            {
                item["mapRunArn"] = mapRunArn;
            }

            return item;
        }, "executions");
    }

    public JsonObject GetExecutionHistory(JsonObject request)
    {
        var record = ExecutionOf(Required(request, "executionArn"));
        IEnumerable<HistoryEvent> events = record.Execution.GetHistory();
        if (request["reverseOrder"]?.GetValue<bool>() == true)
        {
            events = events.Reverse();
        }

        var includeData = request["includeExecutionData"]?.GetValue<bool>() ?? true;
        return Page(request, events, e => HistoryEventJson.Format(e, includeData), "events");
    }

    public JsonObject StopExecution(JsonObject request)
    {
        var record = ExecutionOf(Required(request, "executionArn"));
        record.Execution.Stop(request["error"]?.GetValue<string>(), request["cause"]?.GetValue<string>());
        return new JsonObject { ["stopDate"] = Epoch(record.Execution.StopDate ?? time.GetUtcNow()) };
    }

    public JsonObject SendTaskSuccess(JsonObject request)
    {
        var output = Required(request, "output");
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(output);
        }
        catch (JsonException e)
        {
            throw StepFunctionsErrors.InvalidOutput($"Invalid Output: '{e.Message}'");
        }

        return Answer(engine.TaskTokens.SendTaskSuccess(Required(request, "taskToken"), parsed));
    }

    public JsonObject SendTaskFailure(JsonObject request) =>
        Answer(engine.TaskTokens.SendTaskFailure(Required(request, "taskToken"), request["error"]?.GetValue<string>(), request["cause"]?.GetValue<string>()));

    public JsonObject SendTaskHeartbeat(JsonObject request) => Answer(engine.TaskTokens.SendTaskHeartbeat(Required(request, "taskToken")));

    private static JsonObject Answer(TaskTokenResponse response) => response switch
    {
        TaskTokenResponse.Accepted => [],
        TaskTokenResponse.TaskTimedOut => throw StepFunctionsErrors.TaskTimedOut(),
        TaskTokenResponse.TaskDoesNotExist => throw StepFunctionsErrors.TaskDoesNotExist(),
        _ => throw StepFunctionsErrors.InvalidToken("Invalid Token: the task token was not issued by this endpoint"),
    };

    /// <summary>Execution input must be JSON text.</summary>
    internal static string ValidInput(string input)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(input) > MaxPayloadBytes)
        {
            throw StepFunctionsErrors.Validation(
                "1 validation error detected: Value at 'input' failed to satisfy constraint: "
                + $"Member must have length less than or equal to {MaxPayloadBytes} (bytes of UTF-8)");
        }

        try
        {
            JsonDocument.Parse(input).Dispose();
            return input;
        }
        catch (JsonException e)
        {
            throw StepFunctionsErrors.InvalidExecutionInput($"Invalid State Machine Execution Input: '{e.Message}'");
        }
    }

    internal static StateMachineDefinition Parse(string definition)
    {
        try
        {
            return StateMachineDefinition.Parse(definition);
        }
        catch (InvalidDefinitionException e)
        {
            throw StepFunctionsErrors.InvalidDefinition(e.Message);
        }
    }

    internal StateMachineRecord Machine(string arn) =>
        !arn.StartsWith("arn:", StringComparison.Ordinal) ? throw StepFunctionsErrors.InvalidArn(arn)
        : store.StateMachines.GetValueOrDefault(arn) ?? throw StepFunctionsErrors.StateMachineDoesNotExist(arn);

    internal ExecutionRecord ExecutionOf(string arn) =>
        !arn.StartsWith("arn:", StringComparison.Ordinal) ? throw StepFunctionsErrors.InvalidArn(arn)
        : store.Executions.GetValueOrDefault(arn) ?? MapRunChild(arn) ?? throw StepFunctionsErrors.ExecutionDoesNotExist(arn);

    /// <summary>A Distributed Map child execution (its ARN names the parent machine and the Map's label).</summary>
    private ExecutionRecord? MapRunChild(string arn)
    {
        var child = store.Executions.Values
            .SelectMany(r => r.Execution.MapRuns)
            .SelectMany(m => m.Children)
            .FirstOrDefault(c => c.Identity.ExecutionArn == arn);
        return child is null ? null : new ExecutionRecord(child.Identity.StateMachineArn, child);
    }

    /// <summary>maxResults / nextToken paging (the token is the next offset, sealed: a forged one is InvalidToken).</summary>
    internal JsonObject Page<T>(JsonObject request, IEnumerable<T> items, Func<T, JsonObject> format, string field)
    {
        var max = request["maxResults"]?.GetValue<int>() is { } m and > 0 ? Math.Min(m, 1000) : 100;
        var start = 0;
        if (request["nextToken"]?.GetValue<string>() is { } token)
        {
            start = _tokens.ReadOffset(token) ?? throw StepFunctionsErrors.InvalidToken($"Invalid Token: '{token}'");
        }

        var all = items.ToList();
        var response = new JsonObject { [field] = new JsonArray(all.Skip(start).Take(max).Select(i => (JsonNode?)format(i)).ToArray()) };
        if (start + max < all.Count)
        {
            response["nextToken"] = _tokens.Issue((start + max).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return response;
    }

    internal static string Status(ExecutionStatus status) => status switch
    {
        ExecutionStatus.TimedOut => "TIMED_OUT",
        _ => status.ToString().ToUpperInvariant(),
    };

    internal static double Epoch(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    internal static string Required(JsonObject request, string field) =>
        request[field]?.GetValue<string>() is { } value
            ? value
            : throw StepFunctionsErrors.Validation(
                $"1 validation error detected: Value null at '{field}' failed to satisfy constraint: Member must not be null");

    /// <summary>The execution role must be an IAM role's ARN (arn:partition:iam::account:role/name).</summary>
    private static string RoleArn(string arn) =>
        RolePattern().IsMatch(arn) ? arn : throw StepFunctionsErrors.InvalidRoleArn(arn);

    internal static string ValidName(string name) =>
        NamePattern().IsMatch(name) ? name : throw StepFunctionsErrors.InvalidName(name);

    [GeneratedRegex(@"^[A-Za-z0-9\-_.]{1,80}\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}\z")]
    private static partial Regex RolePattern();
}

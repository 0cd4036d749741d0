using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// The operations AWS serves on the <c>sync-</c> host prefix (TestState, StartSyncExecution) and
/// ValidateStateMachineDefinition. The emulator routes by X-Amz-Target, so <c>sync-localhost:4566</c> and
/// <c>localhost:4566</c> reach the same handler; clients that cannot resolve the prefixed name disable host-prefix
/// injection (README: "TestState and StartSyncExecution").
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
/// </summary>
internal sealed partial class StepFunctionsProvider
{
    /// <summary>AWS bills Express executions in 100 ms steps with at least 64 MB; reported as AWS shapes it.</summary>
    private const int BilledMemoryMb = 64;

    public async Task<JsonNode?> TestStateAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var (definition, stateName) = ParseForTest(Required(request, "definition"), request["stateName"]?.GetValue<string>());
        var input = ValidInput(request["input"]?.GetValue<string>() ?? "{}");
        var level = request["inspectionLevel"]?.GetValue<string>() ?? "INFO";
        if (level is not ("INFO" or "DEBUG" or "TRACE"))
        {
            throw StepFunctionsErrors.Validation($"1 validation error detected: Value '{level}' at 'inspectionLevel' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [INFO, DEBUG, TRACE]");
        }

        var name = "test-" + Guid.NewGuid().ToString("N")[..12];
        var machineArn = $"arn:aws:states:{options.Region}:{options.AccountId}:stateMachine:{name}";
        var identity = new ExecutionIdentity($"arn:aws:states:{options.Region}:{options.AccountId}:express:{name}:{name}", name, machineArn, name,
            request["roleArn"]?.GetValue<string>() ?? $"arn:aws:iam::{options.AccountId}:role/TestState");
        StateTestResult result;
        try
        {
            result = await engine.TestStateAsync(definition, stateName, input, Variables(request), identity, TestSetup(request), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (StateTestRejectedException e)
        {
            throw e.InvalidDefinition ? StepFunctionsErrors.InvalidDefinition(e.Message) : StepFunctionsErrors.Validation(e.Message);
        }

        var response = new JsonObject { ["status"] = result.Status };
        Put(response, "output", result.Output);
        Put(response, "nextState", result.NextState);
        Put(response, "error", result.Error);
        Put(response, "cause", result.Cause);
        if (level != "INFO")
        {
            var data = result.InspectionData.DeepClone().AsObject();
            if (level != "TRACE")
            {
                // The HTTP request and response are TRACE's alone (API_TestState: inspectionLevel).
                data.Remove("request");
                data.Remove("response");
            }

            response["inspectionData"] = data;
        }

        return response;
    }

    /// <summary>
    /// Runs an EXPRESS machine to its end and answers with the outcome; such executions are not listed afterwards, as
    /// on AWS. https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html
    /// </summary>
    public async Task<JsonNode?> StartSyncExecutionAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var machine = Machine(Required(request, "stateMachineArn"));
        if (machine.Type != "EXPRESS")
        {
            throw new Protocol.ServiceErrorException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
        }

        var name = ValidName(request["name"]?.GetValue<string>() ?? Guid.NewGuid().ToString());
        var input = ValidInput(request["input"]?.GetValue<string>() ?? "{}");
        var arn = $"arn:aws:states:{options.Region}:{options.AccountId}:express:{machine.Name}:{name}:{Guid.NewGuid()}";
        var execution = engine.StartExecution(machine.Parsed, input, new ExecutionIdentity(arn, name, machine.Arn, machine.Name, machine.RoleArn));
        await using (cancellationToken.Register(() => execution.Stop(null, "The StartSyncExecution request was cancelled.")))
        {
            await execution.Completion.ConfigureAwait(false);
        }

        var stop = execution.StopDate ?? time.GetUtcNow();
        var response = new JsonObject
        {
            ["executionArn"] = arn,
            ["stateMachineArn"] = machine.Arn,
            ["name"] = name,
            ["startDate"] = Epoch(execution.StartDate),
            ["stopDate"] = Epoch(stop),
            ["status"] = Status(execution.Status),
            ["input"] = input,
            ["inputDetails"] = new JsonObject { ["included"] = true },
            ["billingDetails"] = new JsonObject
            {
                ["billedMemoryUsedInMB"] = BilledMemoryMb,
                ["billedDurationInMilliseconds"] = Math.Max(100, (long)Math.Ceiling((stop - execution.StartDate).TotalMilliseconds / 100) * 100),
            },
        };
        if (execution.Output is not null)
        {
            response["output"] = execution.Output;
            response["outputDetails"] = new JsonObject { ["included"] = true };
        }

        Put(response, "error", execution.Error);
        Put(response, "cause", execution.Cause);
        return response;
    }

    /// <summary>
    /// Checks a definition without creating anything: OK, or FAIL with every problem and its location.
    /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
    /// </summary>
    public static JsonObject ValidateStateMachineDefinition(JsonObject request)
    {
        var definition = Required(request, "definition");
        try
        {
            StateMachineDefinition.Parse(definition);
            return new JsonObject { ["result"] = "OK", ["diagnostics"] = new JsonArray(), ["truncated"] = false };
        }
        catch (InvalidDefinitionException e)
        {
            var max = request["maxResults"]?.GetValue<int>() is { } m and > 0 ? m : 100;
            var diagnostics = e.Errors.Take(max).Select(d => (JsonNode?)new JsonObject
            {
                ["severity"] = "ERROR",
                ["code"] = d.Code,
                ["message"] = d.Message,
                ["location"] = d.Location,
            });
            return new JsonObject { ["result"] = "FAIL", ["diagnostics"] = new JsonArray(diagnostics.ToArray()), ["truncated"] = e.Errors.Count > max };
        }
    }

    private static (StateMachineDefinition Definition, string StateName) ParseForTest(string definition, string? stateName)
    {
        try
        {
            return StateMachineDefinition.ParseForTest(definition, stateName);
        }
        catch (InvalidDefinitionException e)
        {
            throw StepFunctionsErrors.InvalidDefinition(e.Message);
        }
    }

    /// <summary>TestState's <c>variables</c>: a JSON object of names to values.</summary>
    private static JsonObject? Variables(JsonObject request)
    {
        if (request["variables"]?.GetValue<string>() is not { } text)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw StepFunctionsErrors.Validation("The variables must be a JSON object of variable names to values");
        }
        catch (JsonException e)
        {
            throw StepFunctionsErrors.Validation($"The variables are not valid JSON: {e.Message}");
        }
    }

    private static void Put(JsonObject response, string field, string? value)
    {
        if (value is not null)
        {
            response[field] = value;
        }
    }
}

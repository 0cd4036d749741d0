using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// TestState's mock, context and stateConfiguration, read from the request with the ValidationException messages AWS
/// answers (recorded against AWS in LocalStack's tests/aws/services/stepfunctions/v2/test_state/*.snapshot.json). Types,
/// ranges and enums (fieldValidationMode, the stateConfiguration counts) were checked against botocore's model before.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
/// </summary>
internal sealed partial class StepFunctionsProvider
{
    private const string InvalidContext = "Invalid Context object provided: ";

    /// <summary>The fields a supplied context object may hold, per member (Map is refused on its own: AWS says why).</summary>
    private static readonly Dictionary<string, string[]> ContextFields = new(StringComparer.Ordinal)
    {
        ["Execution"] = ["Id", "Input", "Name", "RoleArn", "StartTime", "RedriveCount", "RedriveTime"],
        ["State"] = ["EnteredTime", "Name", "RetryCount"],
        ["StateMachine"] = ["Id", "Name"],
        ["Task"] = ["Token"],
    };

    private static StateTestSetup TestSetup(JsonObject request)
    {
        var mock = Mock(request["mock"] as JsonObject);
        if (mock is not null && request["revealSecrets"]?.GetValue<bool>() == true)
        {
            throw StepFunctionsErrors.Validation("TestState does not support RevealSecrets when a mock is specified.");
        }

        var context = request["context"]?.GetValue<string>() is { } text ? Context(text) : null;
        if (context is not null && mock is null)
        {
            // The API reference: "This field may only be specified if a mock is specified in the same request."
            throw StepFunctionsErrors.Validation("TestState does not support Context when a mock is not specified.");
        }

        var configuration = request["stateConfiguration"] as JsonObject;
        return new StateTestSetup(mock, context, Count(configuration, "retrierRetryCount") ?? 0, Count(configuration, "mapIterationFailureCount"))
        {
            RevealSecrets = request["revealSecrets"]?.GetValue<bool>() == true,
        };
    }

    private static StateMock? Mock(JsonObject? mock)
    {
        if (mock is null)
        {
            return null;
        }

        var result = mock["result"]?.GetValue<string>();
        var error = mock["errorOutput"] as JsonObject;
        if ((result is null) == (error is null))
        {
            throw StepFunctionsErrors.Validation("A test mock should have only one of the following fields: [result, errorOutput].");
        }

        if (error is not null)
        {
            return new StateMock(null, error["error"]?.GetValue<string>()
                ?? throw StepFunctionsErrors.Validation("1 validation error detected: Value null at 'mock.errorOutput.error' failed to satisfy constraint: "
                    + "Member must not be null"), error["cause"]?.GetValue<string>());
        }

        try
        {
            return new StateMock(JsonNode.Parse(result!), null, null);
        }
        catch (JsonException)
        {
            throw StepFunctionsErrors.Validation("Mocked result must be valid JSON");
        }
    }

    /// <summary>The context object to use as <c>$$</c>: its members and their fields as AWS allows them.</summary>
    private static JsonObject Context(string text)
    {
        JsonObject context;
        try
        {
            context = JsonNode.Parse(text) as JsonObject ?? throw StepFunctionsErrors.Validation(InvalidContext + "it must be a JSON object");
        }
        catch (JsonException e)
        {
            throw StepFunctionsErrors.Validation(InvalidContext + e.Message);
        }

        foreach (var (member, value) in context)
        {
            if (member == "Map")
            {
                throw StepFunctionsErrors.Validation(InvalidContext + "'Map' field is not supported when mocking a Context object");
            }

            if (!ContextFields.TryGetValue(member, out var fields))
            {
                throw StepFunctionsErrors.Validation(InvalidContext + $"Field '{member}' is not allowed");
            }

            CheckContextMember(member, value as JsonObject ?? throw StepFunctionsErrors.Validation(InvalidContext + $"{member} must be an object"), fields);
        }

        return context;
    }

    private static void CheckContextMember(string member, JsonObject value, string[] fields)
    {
        foreach (var (field, fieldValue) in value)
        {
            if (!fields.Contains(field))
            {
                throw StepFunctionsErrors.Validation(InvalidContext + $"Field '{field}' is not allowed");
            }

            var number = field is "RetryCount" or "RedriveCount";
            var text = field is not ("Input" or "RetryCount" or "RedriveCount");
            var kind = fieldValue?.GetValueKind();
            if (number && kind != JsonValueKind.Number)
            {
                throw StepFunctionsErrors.Validation(InvalidContext + $"{member}.{field} must be a number");
            }

            if (text && kind != JsonValueKind.String)
            {
                throw StepFunctionsErrors.Validation(InvalidContext + $"{member}.{field} must be a string");
            }
        }
    }

    /// <summary>A stateConfiguration count, or null when absent (its type and range were checked against the model).</summary>
    private static int? Count(JsonObject? configuration, string field) => configuration?[field]?.GetValue<int>();
}

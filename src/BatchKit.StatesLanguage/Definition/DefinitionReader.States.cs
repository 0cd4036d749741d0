using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Definition;

/// <summary>
/// Reading each state type and the fields they share, in the state's query language: JSONPath states take InputPath,
/// Parameters, ResultSelector, ResultPath and OutputPath; JSONata states take Arguments and Output instead.
/// https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
/// </summary>
internal sealed partial class DefinitionReader
{
    private static readonly string[] CommonFields = ["Type", "Comment", "QueryLanguage"];

    private State? ReadState(string name, JsonObject node, string at) => InLanguage(node, at, () =>
    {
        var type = RequiredString(node, "Type", at);
        return type switch
        {
            null => null,
            "Pass" => Pass(name, node, at),
            "Task" => Task(name, node, at),
            "Choice" => Choice(name, node, at),
            "Wait" => Wait(name, node, at),
            "Succeed" => new SucceedState(Fields(name, node, at, "Succeed", Jsonata ? ["Output"] : ["InputPath", "OutputPath"], transition: false)),
            "Fail" => Fail(name, node, at),
            "Parallel" => Parallel(name, node, at),
            "Map" => Map(name, node, at),
            _ => Unknown(type, at),
        };
    });

    private State? Unknown(string type, string at)
    {
        Error(Schema, $"'{type}' is not a state type (Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map)", $"{at}/Type");
        return null;
    }

    /// <summary>The shared fields; <paramref name="allowed"/> lists the type's own fields beyond Type/Comment.</summary>
    private StateFields Fields(string name, JsonObject node, string at, string type, string[] allowed, bool transition = true)
    {
        CheckFields(node, at, [.. CommonFields, .. allowed, .. (transition ? new[] { "Next", "End" } : [])]);
        CheckVariableNames(node, at);
        var next = transition ? Transition(node, at) : null;
        if (Jsonata)
        {
            return new StateFields(name, type, next, QueryLanguage.Jsonata, States.PathSetting.Default, States.PathSetting.Default,
                States.PathSetting.Default, null, null, null, Retriers(node, at), Catchers(node, at))
            {
                Arguments = JsonataField(node, "Arguments", at),
                Output = JsonataField(node, "Output", at),
                JsonataAssign = JsonataField(node, "Assign", at, objectOnly: true),
            };
        }

        return new StateFields(
            name,
            type,
            next,
            QueryLanguage.JsonPath,
            PathSetting(node, "InputPath", at),
            PathSetting(node, "OutputPath", at),
            PathSetting(node, "ResultPath", at),
            Template(node, "Parameters", at),
            Template(node, "ResultSelector", at, objectOnly: true) as JsonObject,
            Template(node, "Assign", at, objectOnly: true) as JsonObject,
            Retriers(node, at),
            Catchers(node, at));
    }

    /// <summary>Next, or End: true; exactly one of them.</summary>
    private string? Transition(JsonObject node, string at)
    {
        var next = OptionalString(node, "Next", at);
        var end = IsTrue(node["End"]);
        if (next is not null && end)
        {
            Error(Schema, "'Next' and 'End' cannot both be set", at);
        }
        else if (next is null && !end)
        {
            Error(Schema, "A state must have either 'Next' or 'End': true", at);
        }

        return next;
    }

    private PassState Pass(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Pass", Jsonata
            ? ["Output", "Assign"]
            : ["InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Assign"]);
        return new PassState(fields, node["Result"]?.DeepClone(), node.ContainsKey("Result"));
    }

    private TaskState Task(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Task", Jsonata
            ? ["Resource", "Arguments", "Output", "Assign", "TimeoutSeconds", "HeartbeatSeconds", "Retry", "Catch", "Credentials"]
            : ["InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Resource", "TimeoutSeconds", "TimeoutSecondsPath",
                "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch", "Assign", "Credentials"]);
        var resource = RequiredString(node, "Resource", at) ?? "";
        if (resource.Length > 0 && !resource.StartsWith("arn:", StringComparison.Ordinal))
        {
            Error(Schema, $"The Resource '{resource}' is not an ARN", $"{at}/Resource");
        }

        return new TaskState(fields, resource, Timeouts(node, at));
    }

    private TaskTimeouts Timeouts(JsonObject node, string at)
    {
        var (timeout, timeoutTemplate) = Jsonata ? IntegerOrExpression(node, "TimeoutSeconds", at, 1, 99_999_999) : (null, null);
        var (heartbeat, heartbeatTemplate) = Jsonata ? IntegerOrExpression(node, "HeartbeatSeconds", at, 1, 99_999_999) : (null, null);
        var timeouts = Jsonata
            ? new TaskTimeouts(timeout, null, heartbeat, null) { TimeoutSecondsTemplate = timeoutTemplate, HeartbeatSecondsTemplate = heartbeatTemplate }
            : new TaskTimeouts(
                OptionalInteger(node, "TimeoutSeconds", at, min: 1, max: 99_999_999),
                OptionalPath(node, "TimeoutSecondsPath", at),
                OptionalInteger(node, "HeartbeatSeconds", at, min: 1, max: 99_999_999),
                OptionalPath(node, "HeartbeatSecondsPath", at));
        if (timeouts is { TimeoutSeconds: { } t, HeartbeatSeconds: { } h } && h >= t)
        {
            Error(Schema, "HeartbeatSeconds must be smaller than TimeoutSeconds", $"{at}/HeartbeatSeconds");
        }

        Exclusive(node, at, "TimeoutSeconds", "TimeoutSecondsPath");
        Exclusive(node, at, "HeartbeatSeconds", "HeartbeatSecondsPath");
        return timeouts;
    }

    private WaitState Wait(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Wait", Jsonata
            ? ["Seconds", "Timestamp", "Output", "Assign"]
            : ["InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Assign"]);
        var time = Jsonata ? JsonataWaitTime(node, at) : JsonPathWaitTime(node, at);
        var given = new[] { "Seconds", "Timestamp", "SecondsPath", "TimestampPath" }.Count(node.ContainsKey);
        if (given != 1 && !Errors.Any(e => e.Location.StartsWith(at, StringComparison.Ordinal)))
        {
            Error(Schema, "A Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath", at);
        }

        return new WaitState(fields, time);
    }

    private WaitTime JsonPathWaitTime(JsonObject node, string at)
    {
        var timestamp = OptionalString(node, "Timestamp", at);
        if (timestamp is not null && !ChoiceRule.TryTimestamp(timestamp, out _))
        {
            Error(Schema, $"'{timestamp}' is not an ISO-8601 extended offset date-time", $"{at}/Timestamp");
        }

        return new WaitTime(OptionalInteger(node, "Seconds", at, min: 0, max: 99_999_999), timestamp,
            OptionalPath(node, "SecondsPath", at), OptionalPath(node, "TimestampPath", at));
    }

    private WaitTime JsonataWaitTime(JsonObject node, string at)
    {
        var (seconds, secondsTemplate) = IntegerOrExpression(node, "Seconds", at, 0, 99_999_999);
        var timestamp = JsonataField(node, "Timestamp", at);
        if (timestamp is { IsConstant: true } && (!JsonText.IsString(node["Timestamp"], out var text) || !ChoiceRule.TryTimestamp(text, out _)))
        {
            Error(Schema, "Timestamp must be an ISO-8601 extended offset date-time or a JSONata expression", $"{at}/Timestamp");
        }

        return new WaitTime(seconds, null, null, null) { SecondsTemplate = secondsTemplate, TimestampTemplate = timestamp };
    }

    private FailState Fail(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Fail", Jsonata ? ["Error", "Cause"] : ["Error", "Cause", "ErrorPath", "CausePath"], transition: false);
        if (Jsonata)
        {
            return new FailState(fields, FailField(node, "Error", at), FailField(node, "Cause", at));
        }

        Exclusive(node, at, "Error", "ErrorPath");
        Exclusive(node, at, "Cause", "CausePath");
        return new FailState(fields,
            new FailText(OptionalString(node, "Error", at), OptionalString(node, "ErrorPath", at), null),
            new FailText(OptionalString(node, "Cause", at), OptionalString(node, "CausePath", at), null));
    }

    /// <summary>A JSONata Fail's Error or Cause: a string, or an expression evaluated when the state runs.</summary>
    private FailText FailField(JsonObject node, string field, string at)
    {
        var text = OptionalString(node, field, at);
        return text is not null && Payloads.JsonataTemplate.IsExpression(text)
            ? new FailText(null, null, JsonataField(node, field, at))
            : new FailText(text, null, null);
    }

    private ParallelState Parallel(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Parallel", Jsonata
            ? ["Branches", "Arguments", "Output", "Assign", "Retry", "Catch"]
            : ["InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Branches", "Retry", "Catch", "Assign"]);
        var branches = new List<StatesGraph>();
        if (node["Branches"] is not JsonArray list || list.Count == 0)
        {
            Error(Schema, "The field 'Branches' is required and must be a non-empty array", $"{at}/Branches");
        }
        else
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is JsonObject branch && ReadGraph(branch, $"{at}/Branches/{i}") is { } graph)
                {
                    branches.Add(graph);
                }
            }
        }

        return new ParallelState(fields, branches);
    }
}

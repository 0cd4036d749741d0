using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Definition;

/// <summary>Reading each state type and the fields they share.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly string[] CommonFields = ["Type", "Comment", "QueryLanguage"];

    private State? ReadState(string name, JsonObject node, string at)
    {
        RejectJsonata(node, at);
        var type = RequiredString(node, "Type", at);
        return type switch
        {
            null => null,
            "Pass" => Pass(name, node, at),
            "Task" => Task(name, node, at),
            "Choice" => Choice(name, node, at),
            "Wait" => Wait(name, node, at),
            "Succeed" => new SucceedState(Fields(name, node, at, "Succeed", ["InputPath", "OutputPath"], transition: false)),
            "Fail" => Fail(name, node, at),
            "Parallel" => Parallel(name, node, at),
            "Map" => Map(name, node, at),
            _ => Unknown(type, at),
        };
    }

    private State? Unknown(string type, string at)
    {
        Error(Schema, $"'{type}' is not a state type (Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map)", $"{at}/Type");
        return null;
    }

    /// <summary>The shared fields; <paramref name="allowed"/> lists the type's own fields beyond Type/Comment.</summary>
    private StateFields Fields(string name, JsonObject node, string at, string type, string[] allowed, bool transition = true)
    {
        CheckFields(node, at, [.. CommonFields, .. allowed, .. (transition ? new[] { "Next", "End" } : [])]);
        string? next = null;
        if (transition)
        {
            next = OptionalString(node, "Next", at);
            var end = IsTrue(node["End"]);
            if (next is not null && end)
            {
                Error(Schema, "'Next' and 'End' cannot both be set", at);
            }
            else if (next is null && !end)
            {
                Error(Schema, "A state must have either 'Next' or 'End': true", at);
            }
        }

        return new StateFields(
            name,
            type,
            next,
            PathSetting(node, "InputPath", at),
            PathSetting(node, "OutputPath", at),
            PathSetting(node, "ResultPath", at),
            Template(node, "Parameters", at),
            Template(node, "ResultSelector", at, objectOnly: true) as JsonObject,
            Template(node, "Assign", at, objectOnly: true) as JsonObject,
            Retriers(node, at),
            Catchers(node, at));
    }

    private PassState Pass(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Pass", ["InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Assign"]);
        return new PassState(fields, node["Result"]?.DeepClone(), node.ContainsKey("Result"));
    }

    private TaskState Task(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Task", ["InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Resource", "TimeoutSeconds",
            "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch", "Assign", "Credentials"]);
        var resource = RequiredString(node, "Resource", at) ?? "";
        if (resource.Length > 0 && !resource.StartsWith("arn:", StringComparison.Ordinal))
        {
            Error(Schema, $"The Resource '{resource}' is not an ARN", $"{at}/Resource");
        }

        var timeouts = new TaskTimeouts(
            OptionalInteger(node, "TimeoutSeconds", at, min: 1, max: 99_999_999),
            OptionalPath(node, "TimeoutSecondsPath", at),
            OptionalInteger(node, "HeartbeatSeconds", at, min: 1, max: 99_999_999),
            OptionalPath(node, "HeartbeatSecondsPath", at));
        if (timeouts is { TimeoutSeconds: { } t, HeartbeatSeconds: { } h } && h >= t)
        {
            Error(Schema, "HeartbeatSeconds must be smaller than TimeoutSeconds", $"{at}/HeartbeatSeconds");
        }

        if (timeouts.TimeoutSeconds is not null && timeouts.TimeoutSecondsPath is not null)
        {
            Error(Schema, "TimeoutSeconds and TimeoutSecondsPath are exclusive", at);
        }

        if (timeouts.HeartbeatSeconds is not null && timeouts.HeartbeatSecondsPath is not null)
        {
            Error(Schema, "HeartbeatSeconds and HeartbeatSecondsPath are exclusive", at);
        }

        return new TaskState(fields, resource, timeouts);
    }

    private WaitState Wait(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Wait", ["InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Assign"]);
        var seconds = OptionalInteger(node, "Seconds", at, min: 0, max: 99_999_999);
        var timestamp = OptionalString(node, "Timestamp", at);
        if (timestamp is not null && !ChoiceRule.TryTimestamp(timestamp, out _))
        {
            Error(Schema, $"'{timestamp}' is not an ISO-8601 extended offset date-time", $"{at}/Timestamp");
        }

        var secondsPath = OptionalPath(node, "SecondsPath", at);
        var timestampPath = OptionalPath(node, "TimestampPath", at);
        var given = new object?[] { seconds, timestamp, secondsPath, timestampPath }.Count(v => v is not null);
        if (given != 1 && !Errors.Any(e => e.Location.StartsWith(at, StringComparison.Ordinal)))
        {
            Error(Schema, "A Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath", at);
        }

        return new WaitState(fields, seconds, timestamp, secondsPath, timestampPath);
    }

    private FailState Fail(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Fail", ["Error", "Cause", "ErrorPath", "CausePath"], transition: false);
        var error = OptionalString(node, "Error", at);
        var cause = OptionalString(node, "Cause", at);
        var errorPath = OptionalString(node, "ErrorPath", at);
        var causePath = OptionalString(node, "CausePath", at);
        if (error is not null && errorPath is not null)
        {
            Error(Schema, "Error and ErrorPath are exclusive", at);
        }

        if (cause is not null && causePath is not null)
        {
            Error(Schema, "Cause and CausePath are exclusive", at);
        }

        return new FailState(fields, error, errorPath, cause, causePath);
    }

    private ParallelState Parallel(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Parallel",
            ["InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Branches", "Retry", "Catch", "Assign"]);
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

    private List<Retrier> Retriers(JsonObject node, string at)
    {
        var result = new List<Retrier>();
        if (node["Retry"] is not JsonArray list)
        {
            return result;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var location = $"{at}/Retry/{i}";
            if (list[i] is not JsonObject r)
            {
                Error(Schema, "A retrier must be an object", location);
                continue;
            }

            CheckFields(r, location, ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]);
            var jitter = OptionalString(r, "JitterStrategy", location);
            if (jitter is not (null or "FULL" or "NONE"))
            {
                Error(Schema, "JitterStrategy must be FULL or NONE", $"{location}/JitterStrategy");
            }

            result.Add(new Retrier(
                ErrorEquals(r, location),
                (int)(OptionalInteger(r, "IntervalSeconds", location, min: 1, max: 99_999_999) ?? 1),
                (int)(OptionalInteger(r, "MaxAttempts", location, min: 0, max: 99_999_999) ?? 3),
                OptionalNumber(r, "BackoffRate", location, 1.0, double.MaxValue) ?? 2.0,
                (int?)OptionalInteger(r, "MaxDelaySeconds", location, min: 1, max: 31_622_400),
                jitter == "FULL"));
        }

        return result;
    }

    private List<Catcher> Catchers(JsonObject node, string at)
    {
        var result = new List<Catcher>();
        if (node["Catch"] is not JsonArray list)
        {
            return result;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var location = $"{at}/Catch/{i}";
            if (list[i] is not JsonObject c)
            {
                Error(Schema, "A catcher must be an object", location);
                continue;
            }

            CheckFields(c, location, ["ErrorEquals", "Next", "ResultPath", "Assign", "Comment"]);
            var next = RequiredString(c, "Next", location);
            var assign = Template(c, "Assign", location, objectOnly: true) as JsonObject;
            result.Add(new Catcher(ErrorEquals(c, location), next ?? "", PathSetting(c, "ResultPath", location), assign));
        }

        return result;
    }
}

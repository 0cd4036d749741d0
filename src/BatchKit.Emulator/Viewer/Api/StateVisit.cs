using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>
/// One pass through one state, read back from the history: from its <c>*StateEntered</c> event to its
/// <c>*StateExited</c> (or the execution's end), with what the console shows for it — input, output, assigned
/// variables, error and cause — and the events that belong to it.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-states.html
/// </summary>
internal sealed class StateVisit(string name, string type, long enteredEventId, DateTimeOffset start, string? input)
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";

    /// <summary>Failed, then left through a Catch: the execution went on.</summary>
    public const string Caught = "CAUGHT";

    public const string Aborted = "ABORTED";
    public const string TimedOut = "TIMED_OUT";

    public string Name => name;

    /// <summary>Task, Map, Choice, ... as the event type's prefix names it.</summary>
    public string Type => type;

    public long EnteredEventId => enteredEventId;

    public DateTimeOffset Start => start;

    public DateTimeOffset? End { get; set; }

    public string Status { get; set; } = Running;

    public string? Input => input;

    public string? Output { get; set; }

    public JsonObject? AssignedVariables { get; set; }

    public string? Error { get; set; }

    public string? Cause { get; set; }

    /// <summary>Failures a Retry answered (the state ran again after each).</summary>
    public List<(string? Error, string? Cause)> RetriedFailures { get; } = [];

    /// <summary>How often a Task state was scheduled (1 + retries).</summary>
    public int Attempts { get; set; }

    public string? MapRunArn { get; set; }

    /// <summary>ECS tasks the state started (from RunTask's response in TaskSubmitted or TaskSucceeded).</summary>
    public List<string> EcsTaskArns { get; } = [];

    public List<long> EventIds { get; } = [];

    public bool IsOpen => End is null && Status is Running or Failed;
}

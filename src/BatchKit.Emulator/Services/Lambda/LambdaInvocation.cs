using System.Text;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// One invocation on its way through the Runtime API: queued, handed to an execution environment by
/// <c>/invocation/next</c>, answered by <c>/response</c> or <c>/error</c> (or by a timeout or a crash). The output the
/// runtime prints meanwhile belongs to it, framed by START/END/REPORT lines as CloudWatch shows them.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
/// </summary>
internal sealed class LambdaInvocation(byte[] payload, DateTimeOffset receivedAt)
{
    private const int MaxLog = 64 * 1024;
    private readonly TaskCompletionSource<InvocationResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _log = new();
    private Action<string>? _forward;
    private int _memorySize;

    public string RequestId { get; } = Guid.NewGuid().ToString();

    public byte[] Payload => payload;

    public Task<InvocationResult> Result => _result.Task;

    public bool IsCompleted => _result.Task.IsCompleted;

    /// <summary>When Invoke queued it (the viewer lists invocations by this).</summary>
    public DateTimeOffset ReceivedAt => receivedAt;

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The invocation's log so far, START to REPORT (CloudWatch's stream for one request).</summary>
    public string LogText
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Taken by an environment: its memory size for the REPORT line, and its log stream, which gets every line from START on.</summary>
    public void Start(DateTimeOffset at, int memorySize, Action<string>? forward)
    {
        StartedAt = at;
        _memorySize = memorySize;
        _forward = forward;
        Log($"START RequestId: {RequestId} Version: $LATEST");
    }

    public void Log(string line)
    {
        lock (_log)
        {
            if (_log.Length < MaxLog)
            {
                _log.AppendLine(line);
            }
        }

        _forward?.Invoke(line);
    }

    /// <summary>Completes once; a second answer (a late response after a timeout) is ignored and says so.</summary>
    public bool Complete(byte[] payload, string? functionError, DateTimeOffset at)
    {
        if (_result.Task.IsCompleted)
        {
            return false;
        }

        EndedAt = at;
        var duration = StartedAt is { } started ? (at - started).TotalMilliseconds : 0;
        Log($"END RequestId: {RequestId}");
        Log(Report(duration));
        string tail;
        lock (_log)
        {
            tail = _log.ToString();
        }

        return _result.TrySetResult(new InvocationResult(payload, functionError, tail));
    }

    /// <summary>
    /// Lambda's REPORT line: duration, billed duration (rounded up to the millisecond) and memory size, tab-separated.
    /// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
    /// </summary>
    private string Report(double duration)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var report = $"REPORT RequestId: {RequestId}\tDuration: {duration.ToString("F2", culture)} ms"
            + $"\tBilled Duration: {Math.Ceiling(duration).ToString(culture)} ms";
        return _memorySize > 0 ? $"{report}\tMemory Size: {_memorySize.ToString(culture)} MB" : report;
    }

    /// <summary>Fails the invocation with a Lambda-made error document, as for a timeout or a runtime that exited.</summary>
    public bool Fail(string errorType, string errorMessage, DateTimeOffset at) =>
        Complete(
            Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject { ["errorMessage"] = errorMessage, ["errorType"] = errorType }.ToJsonString()),
            "Unhandled",
            at);
}

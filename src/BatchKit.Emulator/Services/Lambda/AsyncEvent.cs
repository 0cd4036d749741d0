namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// An asynchronous invocation (InvocationType=Event, an S3 notification) as the emulator accepted it: the function,
/// the event, when it arrived, and how its attempts went (Lambda retries a failed one twice).
/// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
/// </summary>
internal sealed class AsyncEvent(string functionName, string payload, DateTimeOffset receivedAt)
{
    private int _attempts;
    private int _status; // 0 queued, 1 succeeded, 2 failed (so far)

    public string FunctionName => functionName;

    public string Payload => payload;

    public DateTimeOffset ReceivedAt => receivedAt;

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>QUEUED until an attempt ends; then SUCCEEDED, or FAILED (retries may follow).</summary>
    public string Status => Volatile.Read(ref _status) switch { 1 => "SUCCEEDED", 2 => "FAILED", _ => "QUEUED" };

    public void Attempted(bool succeeded)
    {
        Interlocked.Increment(ref _attempts);
        Volatile.Write(ref _status, succeeded ? 1 : 2);
    }
}

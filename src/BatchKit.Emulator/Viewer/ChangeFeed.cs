using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer;

/// <summary>
/// A version number that moves whenever something the viewer shows may have changed (a history event, an ECS task
/// starting or stopping, a Lambda invocation, any AWS call that writes), and a way to wait for the next move. The
/// viewer's server-sent events stream waits here, so an open page costs nothing while nothing happens.
/// </summary>
internal sealed class ChangeFeed
{
    private long _version;

    // Made by a waiter, completed and dropped by the next Notify: a Map Run's children notify 40,000 times with no page
    // open, and a signal made for each of them was garbage nobody awaited.
    private TaskCompletionSource? _next;

    public long Version => Interlocked.Read(ref _version);

    public void Notify()
    {
        Interlocked.Increment(ref _version);
        if (Volatile.Read(ref _next) is not null)
        {
            Interlocked.Exchange(ref _next, null)?.TrySetResult();
        }
    }

    /// <summary>Completes with the current version as soon as it differs from <paramref name="seen"/>.</summary>
    public async Task<long> WaitForChangeAsync(long seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Installed before the version is read (both sides fence): a Notify after the read completes the signal awaited here.
            var next = Volatile.Read(ref _next);
            if (next is null)
            {
                var made = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                next = Interlocked.CompareExchange(ref _next, made, null) ?? made;
            }

            if (Version != seen)
            {
                return Version;
            }

            await next.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// True for AWS calls that only read (GET/HEAD, and JSON operations named Describe*, List*, Get*): a CLI polling
    /// DescribeExecution must not make every open page refresh.
    /// </summary>
    public static bool IsReadOnly(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return true;
        }

        var target = request.Headers["X-Amz-Target"].ToString();
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        return target.Length > 0
            && (operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal)
                || operation.StartsWith("Get", StringComparison.Ordinal));
    }
}

namespace BatchKit.Functions.Runtime;

/// <summary>
/// The custom runtime's main loop: one invocation at a time, for as long as the environment lives (the handler and
/// what it caches stay warm between invocations). A handler failure becomes an error document; the loop goes on.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-build
/// </summary>
internal sealed class LambdaRuntimeLoop(LambdaRuntimeClient runtime, ILambdaHandler handler, TextWriter log)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var invocation = await runtime.NextAsync(cancellationToken).ConfigureAwait(false);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var remaining = invocation.Deadline - DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(500);
            if (remaining > TimeSpan.Zero && invocation.Deadline != DateTimeOffset.MaxValue)
            {
                deadline.CancelAfter(remaining); // stop cleanly just before Lambda would kill the environment
            }

            try
            {
                var response = await handler.HandleAsync(invocation.Payload, deadline.Token).ConfigureAwait(false);
                await runtime.ResponseAsync(invocation.RequestId, response, cancellationToken).ConfigureAwait(false);
            }
            catch (HandlerException e)
            {
                await log.WriteLineAsync($"ERROR {e.ErrorType}: {e.Message}").ConfigureAwait(false);
                await runtime.ErrorAsync(invocation.RequestId, e.ErrorType, e.Message, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                const string message = "the invocation ran out of time; nothing half-done was left (written files were removed)";
                await log.WriteLineAsync("ERROR BatchKit.Timeout: " + message).ConfigureAwait(false);
                await runtime.ErrorAsync(invocation.RequestId, "BatchKit.Timeout", message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Anything unexpected still answers the invocation (with the exception's type), so Lambda retries it.
                await log.WriteLineAsync($"ERROR {e.GetType().FullName}: {e}").ConfigureAwait(false);
                await runtime.ErrorAsync(invocation.RequestId, e.GetType().Name, e.Message, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

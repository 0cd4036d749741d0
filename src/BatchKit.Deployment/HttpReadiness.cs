namespace BatchKit.Deployment;

/// <summary>Waits for a local service (the emulator, the Slack stub, LocalStack) to answer its health URL with a 2xx.</summary>
public static class HttpReadiness
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>
    /// Polls <paramref name="health"/> every 100 ms; <paramref name="gone"/> may say why waiting is pointless (the
    /// process exited). Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitAsync(Uri health, TimeSpan timeout, Func<string?>? gone = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (gone?.Invoke() is { } reason)
            {
                throw new InvalidOperationException(reason);
            }

            try
            {
                using var response = await Http.GetAsync(health, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{health} did not answer within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}

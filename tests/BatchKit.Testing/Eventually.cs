using System.Diagnostics;

namespace BatchKit.Testing;

/// <summary>
/// Polling with a deadline: a test that waits for something fails with a message saying what did not happen, instead
/// of hanging CI. Use it for presence only; an absence is proven by an event, never by waiting.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds for its value; returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? deadline = null, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var limit = deadline ?? DefaultDeadline;
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{what} did not happen within {limit.TotalSeconds:0.#} s" + (describe is null ? "" : $"; last seen: {describe(value)}"));
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    /// <summary>Polls a condition until it holds.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null) =>
        ValueAsync(condition, ok => ok, what, deadline);

    /// <summary>Polls a synchronous condition until it holds.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        ValueAsync(() => Task.FromResult(condition()), ok => ok, what, deadline);
}

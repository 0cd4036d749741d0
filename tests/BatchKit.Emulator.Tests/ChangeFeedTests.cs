using BatchKit.Emulator.Viewer;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// The viewer's change feed makes its signal only when a page waits: a waiter must still see every move, whether it
/// came before the wait began, while it waited, or from many threads at once.
/// </summary>
public sealed class ChangeFeedTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_move_before_the_wait_is_seen_at_once()
    {
        var feed = new ChangeFeed();
        var seen = feed.Version;
        feed.Notify();

        var version = await feed.WaitForChangeAsync(seen, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(seen + 1, version);
    }

    [Fact]
    public async Task A_waiter_wakes_on_the_next_move_and_not_before()
    {
        var feed = new ChangeFeed();
        var waiting = feed.WaitForChangeAsync(feed.Version, CancellationToken.None);
        await Task.Yield();
        Assert.False(waiting.IsCompleted, "the wait ended with no move");

        feed.Notify();

        Assert.Equal(1, await waiting.WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_waiter_misses_no_move_while_two_threads_notify()
    {
        var feed = new ChangeFeed();
        const int Moves = 20_000;
        var notifiers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < Moves; i++)
            {
                feed.Notify();
            }
        })).ToArray();

        // Each wait returns a newer version; the last one must reach the final count.
        var seen = 0L;
        while (seen < 2 * Moves)
        {
            seen = await feed.WaitForChangeAsync(seen, CancellationToken.None).WaitAsync(Deadline);
        }

        await Task.WhenAll(notifiers).WaitAsync(Deadline);
        Assert.Equal(2 * Moves, feed.Version);
    }
}

using System.Collections.Concurrent;

namespace BatchKit.Emulator.Runtime;

/// <summary>
/// One long-lived thread that starts every child process. Linux ties a child's parent-death signal to the THREAD that
/// forked it, not to the process (prctl(2), PR_SET_PDEATHSIG), so a child forked from a pool thread would be killed
/// when the pool retires that thread. Forking from this thread alone makes "the child dies with the emulator" exact.
/// </summary>
internal sealed class LauncherThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public LauncherThread()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "batchkit-launcher" };
        _thread.Start();
    }

    public Task<T> RunAsync<T>(Func<T> start)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                result.SetResult(start());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        });
        return result.Task;
    }

    private void Loop()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }
}

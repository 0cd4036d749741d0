namespace BatchKit.Cli;

/// <summary>
/// Reports on the calling thread, in order. (<see cref="Progress{T}"/> posts to the thread pool when there is no
/// synchronization context, which reorders plain progress lines.)
/// </summary>
internal sealed class ActionProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// The slots a Map Run's child executions take: at most the limit at once (0: AWS's "no limit", which the engine caps at
/// <see cref="Unlimited"/> so a large item set does not start every child at once).
/// Unlike a semaphore, the limit can change while children wait (UpdateMapRun): raised, waiting children start at once;
/// lowered, running children finish and no new one starts until fewer than the new limit run.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateMapRun.html
/// </summary>
internal sealed class MapRunConcurrency(int limit)
{
    public const int Unlimited = 1000;

    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private int _limit = limit;
    private int _running;

    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource slot;
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            if (HasRoom())
            {
                _running++;
                return;
            }

            slot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast(slot);
        }

        await using (cancellationToken.Register(() => Abandon(node)))
        {
            await slot.Task.ConfigureAwait(false);
        }
    }

    public void Leave()
    {
        lock (_lock)
        {
            _running--;
            Admit();
        }
    }

    /// <summary>A new limit; waiting children that now fit start.</summary>
    public void Change(int limit)
    {
        lock (_lock)
        {
            _limit = limit;
            Admit();
        }
    }

    private bool HasRoom() => _running < (_limit <= 0 ? Unlimited : _limit);

    private void Admit()
    {
        while (_waiting.First is { } first && HasRoom())
        {
            _waiting.RemoveFirst();
            _running++;
            first.Value.TrySetResult();
        }
    }

    private void Abandon(LinkedListNode<TaskCompletionSource> node)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return; // admitted already: the caller owns a slot and leaves it as usual
            }

            _waiting.Remove(node);
        }

        node.Value.TrySetCanceled();
    }
}

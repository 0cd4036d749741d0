namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// The few events a page needs, picked from a stream of any length in one pass with a heap of at most
/// <c>count</c> entries, so reading a large stream never holds more than the page in memory.
/// </summary>
internal static class LogEventOrder
{
    /// <summary>The <paramref name="count"/> smallest items by <paramref name="key"/>, in ascending order.</summary>
    public static List<T> Smallest<T, TKey>(IEnumerable<T> items, int count, Func<T, TKey> key)
        where TKey : IComparable<TKey>
    {
        var heap = new PriorityQueue<T, TKey>(Comparer<TKey>.Create((a, b) => b.CompareTo(a))); // the largest kept on top
        foreach (var item in items)
        {
            if (heap.Count < count)
            {
                heap.Enqueue(item, key(item));
            }
            else if (count > 0 && heap.TryPeek(out _, out var largest) && key(item).CompareTo(largest) < 0)
            {
                heap.DequeueEnqueue(item, key(item));
            }
        }

        var result = new List<T>(heap.Count);
        while (heap.TryDequeue(out var item, out _))
        {
            result.Add(item);
        }

        result.Reverse();
        return result;
    }

    /// <summary>The <paramref name="count"/> largest items by <paramref name="key"/>, in ascending order.</summary>
    public static List<T> Largest<T, TKey>(IEnumerable<T> items, int count, Func<T, TKey> key)
        where TKey : IComparable<TKey>
    {
        var heap = new PriorityQueue<T, TKey>(); // the smallest kept on top
        foreach (var item in items)
        {
            if (heap.Count < count)
            {
                heap.Enqueue(item, key(item));
            }
            else if (count > 0 && heap.TryPeek(out _, out var smallest) && key(item).CompareTo(smallest) > 0)
            {
                heap.DequeueEnqueue(item, key(item));
            }
        }

        var result = new List<T>(heap.Count);
        while (heap.TryDequeue(out var item, out _))
        {
            result.Add(item);
        }

        return result;
    }
}

using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// What a redrive needs to skip the work that succeeded: for every frame still unfinished (the execution, a Parallel
/// branch, a Map iteration) the state it was in with that state's input and the frame's own variables, and the output
/// of every branch or iteration that succeeded inside a state that has not finished. Frames are named by a path
/// (<c>""</c> for the execution, <c>/Parallel[1]/Map[7]</c> inside it). Thread-safe.
/// https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
/// </summary>
public sealed class RedriveMemo
{
    private readonly Dictionary<string, RedriveCheckpoint> _checkpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _completed = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <param name="inputText">The state's input as JSON text.</param>
    internal void Enter(string path, string state, string inputText, JsonObject variables)
    {
        var checkpoint = new RedriveCheckpoint(state, inputText, variables.Count == 0 ? null : JsonText.Serialize(variables));
        lock (_lock)
        {
            _checkpoints[path] = checkpoint;
        }
    }

    /// <summary>A branch or iteration succeeded: a redrive of its unfinished state reuses <paramref name="output"/>.</summary>
    internal void Complete(string path, JsonNode? output)
    {
        var text = JsonText.Serialize(output);
        lock (_lock)
        {
            _completed[path] = text;
            _checkpoints.Remove(path);
        }
    }

    /// <summary>Drops what the frames under <paramref name="prefix"/> recorded (their state finished, or starts afresh).</summary>
    internal void Forget(string prefix)
    {
        lock (_lock)
        {
            foreach (var key in _checkpoints.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                _checkpoints.Remove(key);
            }

            foreach (var key in _completed.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                _completed.Remove(key);
            }
        }
    }

    internal bool TryGetCompleted(string path, out JsonNode? output)
    {
        lock (_lock)
        {
            if (_completed.TryGetValue(path, out var text))
            {
                output = JsonText.Parse(text);
                return true;
            }
        }

        output = null;
        return false;
    }

    internal RedriveCheckpoint? CheckpointOf(string path)
    {
        lock (_lock)
        {
            return _checkpoints.GetValueOrDefault(path);
        }
    }

    public RedriveMemoSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new RedriveMemoSnapshot(new Dictionary<string, RedriveCheckpoint>(_checkpoints), new Dictionary<string, string>(_completed));
        }
    }

    /// <summary>What a restored execution's snapshot kept (nothing for one written before redrive existed).</summary>
    internal void Load(RedriveMemoSnapshot? snapshot)
    {
        lock (_lock)
        {
            foreach (var (path, checkpoint) in snapshot?.Checkpoints ?? new Dictionary<string, RedriveCheckpoint>())
            {
                _checkpoints[path] = checkpoint;
            }

            foreach (var (path, output) in snapshot?.Completed ?? new Dictionary<string, string>())
            {
                _completed[path] = output;
            }
        }
    }
}

/// <summary>The state a frame was in, its input as JSON text, and the frame's own variables (JSON object text, or null).</summary>
public sealed record RedriveCheckpoint(string State, string Input, string? Variables);

/// <summary>A <see cref="RedriveMemo"/> as a host persists it.</summary>
public sealed record RedriveMemoSnapshot(IReadOnlyDictionary<string, RedriveCheckpoint> Checkpoints, IReadOnlyDictionary<string, string> Completed);

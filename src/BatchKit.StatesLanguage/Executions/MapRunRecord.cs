namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// A Distributed Map's Map Run: what DescribeMapRun and ListMapRuns report, updated live as child executions end.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html
/// </summary>
public sealed partial class MapRunRecord(
    string mapRunArn,
    string executionArn,
    string stateName,
    DateTimeOffset startDate,
    int maxConcurrency,
    double toleratedFailurePercentage,
    long toleratedFailureCount)
{
    private readonly Lock _lock = new();
    private readonly List<Execution> _children = [];

    // The latest child of each name, so a launch's redrive lookup is O(1): a scan made a 10,000-item run quadratic.
    private readonly Dictionary<string, Execution> _childrenByName = new(StringComparer.Ordinal);

    public string MapRunArn => mapRunArn;

    public string ExecutionArn => executionArn;

    public string StateName => stateName;

    public DateTimeOffset StartDate => startDate;

    public int MaxConcurrency { get; private set; } = maxConcurrency;

    public double ToleratedFailurePercentage { get; private set; } = toleratedFailurePercentage;

    public long ToleratedFailureCount { get; private set; } = toleratedFailureCount;

    /// <summary>The slots the children take under <see cref="MaxConcurrency"/>, which <see cref="Update"/> may change while they run.</summary>
    internal MapRunConcurrency Concurrency { get; } = new(maxConcurrency);

    /// <summary>RUNNING, SUCCEEDED, FAILED or ABORTED.</summary>
    public string Status { get; private set; } = "RUNNING";

    public DateTimeOffset? StopDate { get; private set; }

    public long Total { get; private set; }

    public long Running { get; private set; }

    public long Succeeded { get; private set; }

    public long Failed { get; private set; }

    public long Pending
    {
        get
        {
            lock (_lock)
            {
                return Total - Running - Succeeded - Failed;
            }
        }
    }

    /// <summary>The child executions started so far (ListExecutions with a mapRunArn lists them; each is describable).</summary>
    public IReadOnlyList<Execution> Children
    {
        get
        {
            lock (_lock)
            {
                return [.. _children];
            }
        }
    }

    /// <summary>
    /// UpdateMapRun: a new concurrency takes effect for the children not started yet, new tolerated failures for the
    /// Map Run's verdict; a value not given stays.
    /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateMapRun.html
    /// </summary>
    public void Update(int? maxConcurrency, double? toleratedFailurePercentage, long? toleratedFailureCount)
    {
        lock (_lock)
        {
            MaxConcurrency = maxConcurrency ?? MaxConcurrency;
            ToleratedFailurePercentage = toleratedFailurePercentage ?? ToleratedFailurePercentage;
            ToleratedFailureCount = toleratedFailureCount ?? ToleratedFailureCount;
        }

        if (maxConcurrency is { } limit)
        {
            Concurrency.Change(limit);
        }
    }

    /// <summary>How many times a redrive of the parent execution redrove this Map Run.</summary>
    public int RedriveCount { get; private set; }

    /// <summary>A redrive of the parent runs this Map Run again: counts start over as its children are reused or redriven.</summary>
    internal void Redriven()
    {
        lock (_lock)
        {
            Status = "RUNNING";
            StopDate = null;
            Running = Succeeded = Failed = 0;
            RedriveCount++;
        }
    }

    internal Execution? ChildNamed(string name)
    {
        lock (_lock)
        {
            return _childrenByName.GetValueOrDefault(name);
        }
    }

    internal void ChildLaunched(Execution child)
    {
        lock (_lock)
        {
            _children.Add(child);
            _childrenByName[child.Identity.Name] = child;
        }
    }

    internal void SetTotal(long total)
    {
        lock (_lock)
        {
            Total = total;
        }
    }

    internal void ChildStarted()
    {
        lock (_lock)
        {
            Running++;
        }
    }

    internal void ChildEnded(bool succeeded)
    {
        lock (_lock)
        {
            Running--;
            if (succeeded)
            {
                Succeeded++;
            }
            else
            {
                Failed++;
            }
        }
    }

    internal void End(string status, DateTimeOffset when)
    {
        lock (_lock)
        {
            Status = status;
            StopDate = when;
        }
    }
}

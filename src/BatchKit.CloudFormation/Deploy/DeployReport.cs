using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchKit.CloudFormation.Deploy;

/// <summary>
/// What a deploy did, resource by resource (deploy-report.json): what was created or updated in the emulator, and
/// what the template holds that is accepted but not emulated, so nothing is silently dropped.
/// </summary>
public sealed class DeployReport
{
    public const string FileName = "deploy-report.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly List<DeployReportEntry> _entries = [];

    public DeployReport(string stackName, string templatePath)
    {
        StackName = stackName;
        TemplatePath = templatePath;
    }

    public string StackName { get; }

    public string TemplatePath { get; }

    /// <summary>Checks of the template that are not made locally (the Rules section: CDK's bootstrap version check).</summary>
    public List<string> NotEvaluated { get; } = [];

    public IReadOnlyList<DeployReportEntry> Entries => _entries;

    public void Add(DeployReportEntry entry) => _entries.Add(entry);

    /// <summary>One line per emulated resource, then the accepted types counted, then what was not evaluated.</summary>
    public IEnumerable<string> Lines()
    {
        foreach (var entry in _entries.Where(e => e.Action != DeployReportEntry.Accepted))
        {
            var notes = entry.NotEmulated.Count == 0 ? "" : $"; not emulated: {string.Join(", ", entry.NotEmulated)}";
            yield return $"{entry.Action,-13} {entry.LogicalId} ({entry.Type}) {entry.PhysicalId}{notes}{(entry.Note is null ? "" : "; " + entry.Note)}";
        }

        var accepted = _entries.Where(e => e.Action == DeployReportEntry.Accepted).GroupBy(e => e.Type).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (accepted.Count > 0)
        {
            yield return $"accepted, not emulated: {string.Join(", ", accepted.Select(g => $"{g.Count()} {g.Key}"))}";
        }

        foreach (var check in NotEvaluated)
        {
            yield return $"not evaluated: {check}";
        }
    }

    /// <summary>
    /// What a reader of the deploy's progress lines has not seen yet: the properties each emulated resource carries
    /// without effect, the accepted types counted, and the checks not evaluated.
    /// </summary>
    public IEnumerable<string> Summary()
    {
        foreach (var entry in _entries.Where(e => e.NotEmulated.Count > 0))
        {
            yield return $"not emulated on {entry.LogicalId} ({entry.Type}): {string.Join(", ", entry.NotEmulated)}";
        }

        foreach (var line in Lines().Where(l => l.StartsWith(DeployReportEntry.Accepted, StringComparison.Ordinal)
            || l.StartsWith("not evaluated", StringComparison.Ordinal)))
        {
            yield return line;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new { StackName, TemplatePath, Resources = _entries, NotEvaluated }, Json);

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path + ".tmp", ToJson());
        File.Move(path + ".tmp", path, overwrite: true);
    }
}

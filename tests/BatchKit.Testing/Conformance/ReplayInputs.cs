using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Testing.Conformance;

/// <summary>
/// The inputs AWS ran where the recording scrubbed them (ReplayInputs.json: each with the LocalStack test source it
/// comes from), so a replay runs what AWS ran instead of the placeholder. Both replays (the engine in-process and the
/// emulator over HTTP) take their input from here, as they take the S3 bucket placeholder's substitute.
/// </summary>
public static partial class ReplayInputs
{
    private static readonly Dictionary<string, JsonObject> Entries = JsonNode.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ReplayInputs.json")))!.AsObject()
        .Where(p => !p.Key.StartsWith('$'))
        .ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);

    /// <summary>The cases given an input here.</summary>
    public static IEnumerable<string> CaseIds => Entries.Keys;

    /// <summary>Where the input comes from (commit, path:line in localstack/localstack).</summary>
    public static string Source(string caseId) => Entries[caseId]["source"]!.GetValue<string>();

    /// <summary>
    /// The input to send for a case, as JSON text: the one listed here with "{now}" / "{now+Nd}" written at
    /// <paramref name="now"/> (the test's <c>strftime("%Y-%m-%dT%H:%M:%S")</c>), else the recorded input.
    /// </summary>
    public static string For(StepFunctionsCase c, DateTimeOffset now)
    {
        if (!Entries.TryGetValue(c.Id, out var entry))
        {
            return c.Input?.ToJsonString() ?? "null";
        }

        var input = entry["input"]!.DeepClone();
        WriteNow(input, now);
        return input.ToJsonString();
    }

    private static void WriteNow(JsonNode node, DateTimeOffset now)
    {
        if (node is not JsonObject o)
        {
            return;
        }

        foreach (var (key, value) in o.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                o[key] = NowToken().Replace(text, m =>
                {
                    var days = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
                    return now.UtcDateTime.AddDays(days).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
                });
            }
            else if (value is not null)
            {
                WriteNow(value, now);
            }
        }
    }

    [GeneratedRegex(@"\{now(?:\+([0-9]+)d)?\}")]
    private static partial Regex NowToken();
}

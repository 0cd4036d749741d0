using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Testing.Conformance;

/// <summary>
/// Values the recording scrubbed to the name of their kind, matched as a value of that kind and nothing else (never a
/// blanket ignore). The names are LocalStack's snapshot transformers', applied to every recording in the corpus:
/// <list type="bullet">
/// <item>"date": <c>RegexTransformer(PATTERN_ISO8601, "date")</c> in localstack's
/// testing/snapshots/transformer_utility.py (SNAPSHOT_BASIC_TRANSFORMER): a whole ISO-8601 date-time, as $now(),
/// $states.context.Execution.StartTime or an input timestamp.</item>
/// <item>"timestamp": the KeyValueBasedTransformer beside it: a value under a key containing "timestamp" (any case)
/// that is not an ISO-8601 date-time, as an invalid input timestamp under "TimestampValue".</item>
/// <item>"snf_role_arn" / "sfn_role_arn": <c>RegexTransformer(snf_role_arn, "snf_role_arn")</c> in
/// testing/pytest/stepfunctions/utils.py: the execution's role ARN, which normalisation has made "&lt;arn&gt;".</item>
/// </list>
/// </summary>
public static partial class HistoryComparer
{
    private static bool? ScrubbedMatches(string recorded, JsonNode? actual, string? key)
    {
        var text = actual is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return recorded switch
        {
            "date" => text is not null && Iso8601().IsMatch(text) && Iso8601().Match(text).Length == text.Length,
            "timestamp" when key is not null && key.Contains("timestamp", StringComparison.OrdinalIgnoreCase) =>
                actual is JsonValue a && a.GetValueKind() is JsonValueKind.String or JsonValueKind.Number && !Iso8601().IsMatch(text ?? ""),
            "snf_role_arn" or "sfn_role_arn" => text == "<arn>",
            _ => null,
        };
    }

    /// <summary>
    /// localstack-snapshot's PATTERN_ISO8601 (a valid calendar date, 'T', a valid time, up to nine fraction digits, Z or an
    /// offset), anchored at the start as re.match is.
    /// </summary>
    [GeneratedRegex(@"^(?:[1-9]\d{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
        + @"|(?:[1-9]\d(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)-02-29)"
        + @"T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-][01]\d:?(?:[0-5]\d)?)")]
    private static partial Regex Iso8601();
}

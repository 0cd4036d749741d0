namespace BatchKit.Deployment;

/// <summary>A message the Slack stub received: when, the status it answered, and the text.</summary>
public sealed record SlackMessage(DateTimeOffset Received, int Status, string Text)
{
    /// <summary>True for the workflow's messages about <paramref name="day"/>: its "starting" and its results.</summary>
    public bool IsAbout(string day) =>
        Text.Contains(Contracts.BucketPrefixes.ProcessedDay(day), StringComparison.Ordinal) || Text.Contains($"sales for {day}:", StringComparison.Ordinal);
}

namespace BatchKit.Deployment;

/// <summary>A message the Slack stub received: when, the status it answered, and the text.</summary>
public sealed record SlackMessage(DateTimeOffset Received, int Status, string Text);

namespace BatchKit.StatesLanguage.States;

/// <summary>A StartAt and its States: the whole machine, a Parallel branch or a Map's ItemProcessor.</summary>
internal sealed record StatesGraph(string StartAt, IReadOnlyDictionary<string, State> States);

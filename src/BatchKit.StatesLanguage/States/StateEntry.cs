namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Where a running state entered the history: its Entered event, which failure causes cite ("entered at the event
/// id #N"), and the event before it, which an EvaluationFailed event chains to.
/// </summary>
internal readonly record struct StateEntry(long EnteredEventId, long PreviousEventId);

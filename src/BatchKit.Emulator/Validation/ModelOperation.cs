namespace BatchKit.Emulator.Validation;

/// <summary>An operation of a service model: its HTTP binding (REST protocols), input shape and the errors it may answer.</summary>
internal sealed record ModelOperation(string Name, string HttpMethod, string RequestUri, string? InputShape, IReadOnlyList<string> Errors);

namespace BatchKit.StatesLanguage.Errors;

/// <summary>
/// A States Language failure as a value: the <c>Error</c> name that Retry and Catch match, and an optional
/// <c>Cause</c>. See https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
/// </summary>
public sealed record Failure(string? Error, string? Cause);

namespace ScheduledValidation.Validation;

/// <summary>A broken rule and the line of the file it is on (1 is the header).</summary>
public sealed record RowProblem(int Line, string Problem);

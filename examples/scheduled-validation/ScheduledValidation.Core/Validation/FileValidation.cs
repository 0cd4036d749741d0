namespace ScheduledValidation.Validation;

/// <summary>One file's outcome: whether its header was right, its valid and invalid rows, and the first problems found.</summary>
public sealed record FileValidation(bool HeaderOk, int ValidRows, int InvalidRows, IReadOnlyList<RowProblem> Problems);

namespace BatchKit.SampleData;

/// <summary>Reported after each store is written.</summary>
public sealed record GeneratorProgress(int StoresDone, int Stores, long RowsWritten);

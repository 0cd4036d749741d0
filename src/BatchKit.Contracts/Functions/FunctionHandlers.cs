namespace BatchKit.Contracts.Functions;

/// <summary>
/// The Handler settings of the pipeline's two Lambda functions, which run one <c>bootstrap</c> (src/BatchKit.Functions):
/// the runtime picks the handler from <c>_HANDLER</c>.
/// </summary>
public static class FunctionHandlers
{
    /// <summary>S3-triggered: unpacks <c>uploads/&lt;day&gt;.zip</c> into <c>processed/&lt;day&gt;/</c> and starts the workflow.</summary>
    public const string Upload = "upload";

    /// <summary>Called by the workflow after the Map: sums the day and writes <c>reports/&lt;day&gt;/summary.json</c>.</summary>
    public const string Summary = "summary";

    public static IReadOnlyList<string> All { get; } = [Upload, Summary];
}

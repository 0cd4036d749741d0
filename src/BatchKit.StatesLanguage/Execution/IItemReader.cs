using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Execution;

/// <summary>
/// The host side of a Distributed Map's ItemReader (e.g. <c>arn:aws:states:::s3:listObjectsV2</c>,
/// <c>arn:aws:states:::s3:getObject</c>) and ResultWriter: the host reads and writes S3; the engine iterates.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
/// </summary>
public interface IItemReader
{
    /// <summary>Reads every item. Failures surface as <see cref="Errors.FailureException"/>-free results: return a TaskResult failure.</summary>
    Task<TaskResult> ReadItemsAsync(string resource, JsonNode? parameters, JsonNode? readerConfig, CancellationToken cancellationToken);

    /// <summary>Writes a Map Run's results (ResultWriter) and returns ResultWriterDetails.</summary>
    Task<TaskResult> WriteResultsAsync(string resource, JsonNode? parameters, string mapRunArn, JsonArray succeeded, JsonArray failed, CancellationToken cancellationToken);
}

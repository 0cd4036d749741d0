using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// The host side of a Distributed Map's ItemReader (e.g. <c>arn:aws:states:::s3:listObjectsV2</c>,
/// <c>arn:aws:states:::s3:getObject</c>): the host reads S3; the engine iterates.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
/// </summary>
public interface IItemReader
{
    /// <summary>Reads every item; a failure is a <see cref="TaskResult"/> failure, not an exception.</summary>
    Task<TaskResult> ReadItemsAsync(string resource, JsonNode? parameters, JsonNode? readerConfig, CancellationToken cancellationToken);
}

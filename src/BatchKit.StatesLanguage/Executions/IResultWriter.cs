using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// The host side of a Distributed Map's ResultWriter (<c>arn:aws:states:::s3:putObject</c>): the host writes the Map
/// Run's results and manifest and returns ResultWriterDetails.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
/// </summary>
public interface IResultWriter
{
    /// <summary>Writes a Map Run's results; a failure is a <see cref="TaskResult"/> failure, not an exception.</summary>
    Task<TaskResult> WriteResultsAsync(
        string resource, JsonNode? parameters, string mapRunArn, JsonArray succeeded, JsonArray failed, CancellationToken cancellationToken);
}

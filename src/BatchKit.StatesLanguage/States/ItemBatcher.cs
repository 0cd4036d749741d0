using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Groups a Distributed Map's items into batches, one child execution per batch: at most MaxItemsPerBatch items and
/// MaxInputBytesPerBatch bytes (each a literal or a *Path), with BatchInput (a payload template) beside them.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
/// </summary>
internal sealed record ItemBatcher(
    long? MaxItemsPerBatch,
    string? MaxItemsPerBatchPath,
    long? MaxInputBytesPerBatch,
    string? MaxInputBytesPerBatchPath,
    JsonNode? BatchInput)
{
    /// <summary>AWS's ceiling and default for MaxInputBytesPerBatch: 256 KiB.</summary>
    public const long MaxBytes = 256 * 1024;

    /// <summary>JSONata: MaxItemsPerBatch as an expression.</summary>
    public Payloads.JsonataTemplate? MaxItemsPerBatchTemplate { get; init; }

    /// <summary>JSONata: MaxInputBytesPerBatch as an expression.</summary>
    public Payloads.JsonataTemplate? MaxInputBytesPerBatchTemplate { get; init; }

    /// <summary>JSONata: BatchInput as a template.</summary>
    public Payloads.JsonataTemplate? JsonataBatchInput { get; init; }
}

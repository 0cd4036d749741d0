using System.Text.Json.Serialization;

namespace BatchKit.Contracts.Functions;

/// <summary>
/// The Distributed Map's <c>ResultWriterDetails</c>: where its manifest is.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
/// </summary>
public sealed record ResultWriterDetails(
    [property: JsonPropertyName("Bucket")] string Bucket,
    [property: JsonPropertyName("Key")] string Key);

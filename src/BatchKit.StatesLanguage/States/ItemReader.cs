using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Where a Distributed Map reads its items: the S3 API it calls (<see cref="Resource"/>), that call's
/// <see cref="Parameters"/> (a payload template) and how to read what comes back (<see cref="Config"/>).
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
/// </summary>
internal sealed record ItemReader(string Resource, JsonNode? Parameters, ReaderConfig Config)
{
    /// <summary>JSONata: the call's Arguments, in place of Parameters.</summary>
    public Payloads.JsonataTemplate? Arguments { get; init; }

    public const string GetObject = "arn:aws:states:::s3:getObject";

    public const string ListObjectsV2 = "arn:aws:states:::s3:listObjectsV2";
}

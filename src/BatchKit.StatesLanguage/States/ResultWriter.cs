using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Where a Distributed Map writes its Map Run's results: the S3 call (<see cref="Resource"/>, s3:putObject) and its
/// <see cref="Parameters"/> (Bucket, Prefix), a payload template.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
/// </summary>
internal sealed record ResultWriter(string Resource, JsonNode? Parameters)
{
    /// <summary>JSONata: the call's Arguments, in place of Parameters.</summary>
    public Payloads.JsonataTemplate? Arguments { get; init; }

    public const string PutObject = "arn:aws:states:::s3:putObject";
}

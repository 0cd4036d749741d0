using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Fuzz.Tests;

/// <summary>
/// One generated request: the operation, what was done to it (<see cref="Kind"/>) and where (<see cref="Path"/>), the
/// whole input, and whether AWS must refuse it (a wrong type, a broken constraint) or may accept it (an extra member,
/// a control character in a free-text field), in which case only "never a 5xx, always AWS-shaped" is asserted.
/// </summary>
internal sealed record FuzzCase(string Service, string Operation, string Kind, string Path, JsonObject Input, bool MustFail)
{
    /// <summary>For REST payloads that are not JSON (an Invoke payload, an S3 body): the raw body to send instead.</summary>
    public byte[]? RawBody { get; init; }

    public override string ToString() => $"{Service}.{Operation} {Kind} at {Path}";
}

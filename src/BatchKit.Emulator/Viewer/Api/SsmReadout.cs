using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.Ssm;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>
/// SSM parameters by name. A SecureString's value is never sent to the page (the console, too, shows it only on an
/// explicit "show decrypted value"), nor its length: the store holds it encrypted, so that length would mislead.
/// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html
/// </summary>
internal sealed class SsmReadout(SsmStore store)
{
    public const string SecureString = "SecureString";

    public JsonObject Parameters() => new()
    {
        ["items"] = new JsonArray([.. store.Parameters.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["type"] = p.Type,
            ["value"] = p.Type == SecureString ? null : p.Value,
            ["masked"] = p.Type == SecureString,
            ["length"] = p.Type == SecureString ? null : p.Value.Length, // a SecureString is stored encrypted: its length says nothing
            ["version"] = p.Version,
            ["lastModifiedDate"] = ViewerJson.Time(p.LastModifiedDate),
            ["description"] = p.Description,
        })]),
    };
}

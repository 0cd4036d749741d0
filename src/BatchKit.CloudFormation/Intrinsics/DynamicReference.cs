using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Intrinsics;

/// <summary>
/// A dynamic reference, <c>{{resolve:service:reference}}</c>, which CloudFormation resolves in resource properties at
/// deploy. BatchKit resolves Secrets Manager references from values the local deploy supplies (there is no Secrets
/// Manager locally; the Slack webhook is the stub's URL), and refuses every other service with its name.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html
/// </summary>
internal sealed partial record DynamicReference(string Text, string Service, string SecretId, string? JsonKey)
{
    /// <summary>Every string in <paramref name="node"/> with its dynamic references replaced by their values.</summary>
    public static JsonNode? ResolveAll(JsonNode? node, IReadOnlyDictionary<string, string> secrets) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, ResolveAll(p.Value, secrets)))),
        JsonArray a => new JsonArray([.. a.Select(i => ResolveAll(i, secrets))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Contains("{{resolve:", StringComparison.Ordinal) =>
            JsonValue.Create(Pattern().Replace(v.GetValue<string>(), m => Parse(m.Value).ValueFrom(secrets))),
        _ => node?.DeepClone(),
    };

    /// <summary>Every dynamic reference in <paramref name="node"/> (parsing each, so a bad one fails before anything is deployed).</summary>
    public static IEnumerable<DynamicReference> FindAll(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => FindAll(p.Value)),
        JsonArray a => a.SelectMany(FindAll),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Pattern().Matches(v.GetValue<string>()).Select(m => Parse(m.Value)),
        _ => [],
    };

    public static DynamicReference Parse(string text)
    {
        var inner = text["{{resolve:".Length..^2];
        var colon = inner.IndexOf(':', StringComparison.Ordinal);
        var service = colon < 0 ? inner : inner[..colon];
        if (service != "secretsmanager")
        {
            throw new TemplateException($"the dynamic reference {text} uses '{service}': only secretsmanager references are resolved locally");
        }

        // secret-id:SecretString:json-key:version-stage:version-id, where secret-id may be an ARN (seven colon-separated parts).
        var parts = inner[(colon + 1)..].Split(':');
        var idParts = parts[0] == "arn" ? 7 : 1;
        if (parts.Length < idParts || (parts.Length > idParts && parts[idParts] is not ("SecretString" or "")))
        {
            throw new TemplateException($"the dynamic reference {text} is not secret-id:SecretString:json-key:version-stage:version-id");
        }

        var jsonKey = parts.Length > idParts + 1 && parts[idParts + 1].Length > 0 ? parts[idParts + 1] : null;
        return new DynamicReference(text, service, string.Join(':', parts[..idParts]), jsonKey);
    }

    private string ValueFrom(IReadOnlyDictionary<string, string> secrets)
    {
        if (!secrets.TryGetValue(SecretId, out var secret))
        {
            throw new TemplateException(
                $"the dynamic reference {Text} names the secret '{SecretId}', which has no local value (the deploy supplies secrets by name)");
        }

        if (JsonKey is null)
        {
            return secret;
        }

        try
        {
            return JsonNode.Parse(secret)?[JsonKey]?.GetValue<string>()
                ?? throw new TemplateException($"the dynamic reference {Text}: the secret '{SecretId}' has no string key '{JsonKey}'");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new TemplateException($"the dynamic reference {Text}: the secret '{SecretId}' is not a JSON object with a string '{JsonKey}'", e);
        }
    }

    [GeneratedRegex(@"\{\{resolve:[^}]*\}\}")]
    private static partial Regex Pattern();
}

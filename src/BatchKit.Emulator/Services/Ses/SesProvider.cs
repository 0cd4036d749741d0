using System.Text;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Ses;

/// <summary>
/// Amazon SES, v1 (query protocol, <c>Action=SendEmail</c>) and v2 (REST-JSON under <c>/v2/email/</c>): messages are
/// delivered into the local mailbox in the data directory, read by <c>batchkit mail</c> and <c>/_batchkit/ses/messages</c>.
/// As in the SES sandbox, the sender (its address or its domain) must be a verified identity; verifying succeeds at
/// once. https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html
/// </summary>
internal sealed partial class SesProvider : IQueryService, IRestJsonService
{
    private readonly SesStore _store;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Func<JsonObject, JsonObject>> _operations;

    public SesProvider(SesStore store, TimeProvider time)
    {
        (_store, _time) = (store, time);
        _operations = new(StringComparer.Ordinal)
        {
            ["SendEmail"] = SendEmail, ["SendRawEmail"] = SendRawEmail, ["VerifyEmailIdentity"] = VerifyEmailIdentity,
            ["VerifyEmailAddress"] = VerifyEmailAddress, ["VerifyDomainIdentity"] = VerifyDomainIdentity, ["ListIdentities"] = ListIdentities,
            ["DeleteIdentity"] = DeleteIdentity, ["GetSendQuota"] = GetSendQuota, ["GetIdentityVerificationAttributes"] = GetIdentityVerificationAttributes,
        };
    }

    public IReadOnlyCollection<string> SigningNames { get; } = ["ses", "email"];

    public string XmlNamespace => "http://ses.amazonaws.com/doc/2010-12-01/";

    public QueryXmlShape XmlShape => QueryXmlShape.Default;

    public IReadOnlyCollection<string> Operations => _operations.Keys;

    public SesStore Store => _store;

    public Task<JsonObject> InvokeQueryAsync(QueryCall call, CancellationToken cancellationToken) => Task.FromResult(_operations[call.Action](call.Input));

    /// <summary>https://docs.aws.amazon.com/ses/latest/APIReference/API_SendEmail.html</summary>
    public JsonObject SendEmail(JsonObject request)
    {
        var source = Required(request, "Source", v2: false);
        var message = request["Message"] as JsonObject ?? throw SesErrors.Invalid("Message is required", v2: false);
        var id = Deliver(source, request["Destination"] as JsonObject, message["Subject"]?["Data"]?.GetValue<string>(),
            message["Body"]?["Text"]?["Data"]?.GetValue<string>(), message["Body"]?["Html"]?["Data"]?.GetValue<string>(), raw: null, v2: false);
        return new JsonObject { ["MessageId"] = id };
    }

    /// <summary>The raw MIME text is kept whole; sender and recipients come from the call or else from its headers.</summary>
    public JsonObject SendRawEmail(JsonObject request)
    {
        var raw = Raw(request["RawMessage"]?["Data"]?.GetValue<string>(), v2: false);
        var headers = MimeHeaders.Parse(raw);
        var source = request["Source"]?.GetValue<string>() ?? headers.GetValueOrDefault("from")
            ?? throw SesErrors.Invalid("Source or a From header is required", v2: false);
        var destination = request["Destinations"] is JsonArray list ? new JsonObject { ["ToAddresses"] = list.DeepClone() } : MimeHeaders.Destination(headers);
        var id = Deliver(source, destination, headers.GetValueOrDefault("subject"), null, null, raw, v2: false);
        return new JsonObject { ["MessageId"] = id };
    }

    public JsonObject VerifyEmailIdentity(JsonObject request)
    {
        _store.AddIdentity(Required(request, "EmailAddress", v2: false));
        return [];
    }

    /// <summary>The older name of VerifyEmailIdentity. https://docs.aws.amazon.com/ses/latest/APIReference/API_VerifyEmailAddress.html</summary>
    public JsonObject VerifyEmailAddress(JsonObject request) => VerifyEmailIdentity(request);

    public JsonObject VerifyDomainIdentity(JsonObject request)
    {
        _store.AddIdentity(Required(request, "Domain", v2: false));
        return new JsonObject { ["VerificationToken"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) };
    }

    public JsonObject ListIdentities(JsonObject request)
    {
        var type = request["IdentityType"]?.GetValue<string>();
        var identities = _store.Identities.Keys.Where(i => type is null || (type == "EmailAddress") == i.Contains('@', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(i => (JsonNode)i);
        return new JsonObject { ["Identities"] = new JsonArray([.. identities]) };
    }

    public JsonObject DeleteIdentity(JsonObject request)
    {
        _store.RemoveIdentity(Required(request, "Identity", v2: false));
        return [];
    }

    public JsonObject GetSendQuota(JsonObject request) => new()
    {
        ["Max24HourSend"] = 200.0, ["MaxSendRate"] = 1.0, ["SentLast24Hours"] = (double)_store.Messages().Count,
    };

    public JsonObject GetIdentityVerificationAttributes(JsonObject request)
    {
        var attributes = new JsonObject();
        foreach (var identity in request["Identities"] as JsonArray ?? [])
        {
            var name = identity!.GetValue<string>();
            attributes[name] = new JsonObject { ["VerificationStatus"] = _store.Identities.ContainsKey(name) ? "Success" : "NotStarted" };
        }

        return new JsonObject { ["VerificationAttributes"] = attributes };
    }

    /// <summary>Checks the sender and the recipients (at most 50), then writes the message into the mailbox.</summary>
    private string Deliver(string source, JsonObject? destination, string? subject, string? text, string? html, string? raw, bool v2)
    {
        if (!_store.IsVerified(source))
        {
            throw SesErrors.NotVerified(source, v2);
        }

        var recipients = new[] { "ToAddresses", "CcAddresses", "BccAddresses" }.Sum(k => (destination?[k] as JsonArray)?.Count ?? 0);
        if (recipients is 0 or > 50)
        {
            throw SesErrors.Invalid(recipients == 0 ? "Missing final '@domain'" : "Recipient count exceeds 50.", v2);
        }

        var id = $"0100{Guid.NewGuid():N}-{Guid.NewGuid().ToString()[..8]}-000000";
        var message = new JsonObject
        {
            ["MessageId"] = id, ["Timestamp"] = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["Source"] = source,
            ["Destination"] = destination?.DeepClone() ?? new JsonObject(), ["Subject"] = subject, ["Text"] = text, ["Html"] = html, ["Raw"] = raw,
        };
        _store.Deliver(message);
        return id;
    }

    private static string Raw(string? base64, bool v2)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64 ?? throw SesErrors.Invalid("RawMessage.Data is required", v2)));
        }
        catch (FormatException)
        {
            throw SesErrors.Invalid("RawMessage.Data must be base64-encoded MIME text", v2);
        }
    }

    private static string Required(JsonObject request, string member, bool v2) =>
        request[member]?.GetValue<string>() is { Length: > 0 } value ? value : throw SesErrors.Invalid($"{member} is required", v2);
}

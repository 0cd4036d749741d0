using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.Ses;

/// <summary>
/// SES v2's REST-JSON routes: SendEmail (simple or raw content) and email identities.
/// https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_Operations.html
/// </summary>
internal sealed partial class SesProvider
{
    private const string V2 = "/v2/email/";

    public static IReadOnlyCollection<string> V2Operations { get; } =
        ["SendEmail", "CreateEmailIdentity", "GetEmailIdentity", "ListEmailIdentities", "DeleteEmailIdentity", "GetAccount"];

    public bool Serves(HttpRequest request) =>
        SigningScope.Service(request) == "ses" && (request.Path.Value ?? "").StartsWith(V2, StringComparison.Ordinal);

    string IRestJsonService.SigningName => "ses";

    string IRestJsonService.ModelName => "sesv2";

    IReadOnlyCollection<string> IRestJsonService.Operations => V2Operations;

    /// <summary>A raw message may be 40 MB (https://docs.aws.amazon.com/ses/latest/dg/quotas.html), base64 in JSON; the rest are small.</summary>
    public (long Limit, Func<long, ServiceErrorException> TooLarge) BodyLimit(string operation) =>
        (operation == "SendEmail" ? 56 << 20 : 1 << 20, JsonProtocol.TooLarge);

    /// <summary>Runs a v2 operation the REST-JSON protocol matched in the sesv2 model and validated.</summary>
    public async Task HandleAsync(HttpContext context, RestRequest request)
    {
        var input = request.Input;
        var answer = request.Operation switch
        {
            "SendEmail" => SendEmailV2(input),
            "CreateEmailIdentity" => CreateEmailIdentity(input),
            "ListEmailIdentities" => ListEmailIdentities(),
            "GetEmailIdentity" => GetEmailIdentity(request.Label("EmailIdentity")),
            "DeleteEmailIdentity" => DeleteEmailIdentity(request.Label("EmailIdentity")),
            "GetAccount" => GetAccount(),
            _ => throw new ServiceErrorException("NotFoundException",
                $"BatchKit's SES v2 emulation has no {context.Request.Method} {context.Request.Path}.", 404),
        };
        await JsonProtocol.WriteAsync(context.Response, answer, "application/json").ConfigureAwait(false);
    }

    /// <summary>https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html</summary>
    public JsonObject SendEmailV2(JsonObject request)
    {
        var content = request["Content"] as JsonObject ?? throw SesErrors.Invalid("Content is required", v2: true);
        string id;
        if (content["Raw"] is JsonObject rawContent)
        {
            var raw = Raw(rawContent["Data"]?.GetValue<string>(), v2: true);
            var headers = MimeHeaders.Parse(raw);
            var source = request["FromEmailAddress"]?.GetValue<string>() ?? headers.GetValueOrDefault("from")
                ?? throw SesErrors.Invalid("FromEmailAddress is required", v2: true);
            id = Deliver(source, request["Destination"] as JsonObject ?? MimeHeaders.Destination(headers), headers.GetValueOrDefault("subject"), null, null,
                raw, v2: true);
        }
        else if (content["Simple"] is JsonObject simple)
        {
            id = Deliver(Required(request, "FromEmailAddress", v2: true), request["Destination"] as JsonObject, simple["Subject"]?["Data"]?.GetValue<string>(),
                simple["Body"]?["Text"]?["Data"]?.GetValue<string>(), simple["Body"]?["Html"]?["Data"]?.GetValue<string>(), raw: null, v2: true);
        }
        else
        {
            throw SesErrors.Invalid("BatchKit's SES emulation sends Simple and Raw content; templates are not emulated.", v2: true);
        }

        return new JsonObject { ["MessageId"] = id };
    }

    public JsonObject CreateEmailIdentity(JsonObject request)
    {
        var identity = Required(request, "EmailIdentity", v2: true);
        if (_store.Identities.ContainsKey(identity))
        {
            throw new ServiceErrorException("AlreadyExistsException", $"Email identity {identity} already exist.");
        }

        _store.AddIdentity(identity);
        return new JsonObject { ["IdentityType"] = Type(identity), ["VerifiedForSendingStatus"] = true };
    }

    public JsonObject ListEmailIdentities() => new()
    {
        ["EmailIdentities"] = new JsonArray([.. _store.Identities.Keys.Order(StringComparer.Ordinal).Select(i => (JsonNode)new JsonObject
        {
            ["IdentityType"] = Type(i), ["IdentityName"] = i, ["SendingEnabled"] = true, ["VerificationStatus"] = "SUCCESS",
        })]),
    };

    public JsonObject GetEmailIdentity(string identity) => _store.Identities.ContainsKey(identity)
        ? new JsonObject { ["IdentityType"] = Type(identity), ["VerifiedForSendingStatus"] = true, ["VerificationStatus"] = "SUCCESS" }
        : throw SesErrors.NotFound(identity);

    public JsonObject DeleteEmailIdentity(string identity)
    {
        if (!_store.Identities.ContainsKey(identity))
        {
            throw SesErrors.NotFound(identity);
        }

        _store.RemoveIdentity(identity);
        return [];
    }

    public JsonObject GetAccount() => new()
    {
        ["SendingEnabled"] = true, ["ProductionAccessEnabled"] = false, ["EnforcementStatus"] = "HEALTHY",
        ["SendQuota"] = new JsonObject { ["Max24HourSend"] = 200.0, ["MaxSendRate"] = 1.0, ["SentLast24Hours"] = (double)_store.Messages().Count },
    };

    private static string Type(string identity) => identity.Contains('@', StringComparison.Ordinal) ? "EMAIL_ADDRESS" : "DOMAIN";
}

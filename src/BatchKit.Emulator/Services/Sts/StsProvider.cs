using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Sts;

/// <summary>
/// AWS Security Token Service: who is calling, and temporary credentials for a role. Any credentials are the account's
/// root; credentials from AssumeRole are that role's session, as GetCallerIdentity then reports. Spoken in the query
/// protocol (every SDK and the CLI) and, for JSON clients, under <c>AWSSecurityTokenServiceV20110615</c>.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_Operations.html
/// </summary>
internal sealed partial class StsProvider : IQueryService, IJsonService
{
    private readonly StsStore _store;
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Func<JsonObject, string?, JsonObject>> _operations;

    public StsProvider(StsStore store, EmulatorOptions options, TimeProvider time)
    {
        (_store, _options, _time) = (store, options, time);
        _operations = new(StringComparer.Ordinal)
        {
            ["GetCallerIdentity"] = GetCallerIdentity,
            ["AssumeRole"] = AssumeRole,
            ["GetSessionToken"] = GetSessionToken,
        };
    }

    public IReadOnlyCollection<string> SigningNames { get; } = ["sts"];

    public string XmlNamespace => "https://sts.amazonaws.com/doc/2011-06-15/";

    public QueryXmlShape XmlShape { get; } = new(new Dictionary<string, string>(), new HashSet<string> { "Expiration" });

    public IReadOnlyCollection<string> Operations => _operations.Keys;

    public string TargetPrefix => "AWSSecurityTokenServiceV20110615";

    public string ContentType => "application/x-amz-json-1.0";

    public string SigningName => "sts";

    public string ModelName => "sts";

    public long MaxRequestBytes => 1 << 20;

    public Task<JsonObject> InvokeQueryAsync(QueryCall call, CancellationToken cancellationToken) =>
        Task.FromResult(_operations[call.Action](call.Input, call.AccessKeyId));

    public Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        Task.FromResult<JsonNode?>(_operations.TryGetValue(operation, out var run)
            ? run(request, null)
            : throw new ServiceErrorException("UnknownOperationException", $"The operation {operation} is not supported by BatchKit's STS emulation."));

    /// <summary>https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html</summary>
    public JsonObject GetCallerIdentity(JsonObject request, string? accessKeyId)
    {
        if (accessKeyId is not null && _store.Sessions.TryGetValue(accessKeyId, out var session))
        {
            return new JsonObject { ["UserId"] = session.UserId, ["Account"] = _options.AccountId, ["Arn"] = session.Arn };
        }

        return new JsonObject { ["UserId"] = _options.AccountId, ["Account"] = _options.AccountId, ["Arn"] = $"arn:aws:iam::{_options.AccountId}:root" };
    }

    /// <summary>https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html</summary>
    public JsonObject AssumeRole(JsonObject request, string? accessKeyId)
    {
        var roleArn = Text(request, "RoleArn") ?? throw StsErrors.Validation(
            "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        var sessionName = Text(request, "RoleSessionName") ?? throw StsErrors.Validation(
            "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        if (RoleArn().Match(roleArn) is not { Success: true } role)
        {
            throw StsErrors.Validation($"{roleArn} is invalid: a role ARN looks like arn:aws:iam::123456789012:role/name");
        }

        if (!SessionName().IsMatch(sessionName))
        {
            throw StsErrors.Validation(
                $"1 validation error detected: Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular "
                + $"expression pattern: [\\w+=,.@-]{{2,64}}");
        }

        var duration = Seconds(request, "DurationSeconds", 3600, 900, 43200);
        var roleName = role.Groups["name"].Value.Split('/')[^1];
        var roleId = "AROA" + Random(17);
        var arn = $"arn:aws:sts::{role.Groups["account"].Value}:assumed-role/{roleName}/{sessionName}";
        var session = Issue(arn, $"{roleId}:{sessionName}", duration);
        return new JsonObject
        {
            ["Credentials"] = Credentials(session),
            ["AssumedRoleUser"] = new JsonObject { ["AssumedRoleId"] = session.UserId, ["Arn"] = arn },
            ["PackedPolicySize"] = 0,
        };
    }

    /// <summary>https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html</summary>
    public JsonObject GetSessionToken(JsonObject request, string? accessKeyId)
    {
        var duration = Seconds(request, "DurationSeconds", 43200, 900, 129600);
        var caller = GetCallerIdentity(request, accessKeyId);
        var session = Issue(caller["Arn"]!.GetValue<string>(), caller["UserId"]!.GetValue<string>(), duration);
        return new JsonObject { ["Credentials"] = Credentials(session) };
    }

    private StsSession Issue(string arn, string userId, int seconds)
    {
        var session = new StsSession("ASIA" + Random(16), arn, userId, _time.GetUtcNow().AddSeconds(seconds));
        _store.Sessions[session.AccessKeyId] = session;
        return session;
    }

    /// <summary>
    /// The secret is the emulator's own (--secret-key): every signature is verified against that one secret, whatever
    /// the access key id, so calls signed with these credentials verify as AWS's would.
    /// </summary>
    private JsonObject Credentials(StsSession session) => new()
    {
        ["AccessKeyId"] = session.AccessKeyId,
        ["SecretAccessKey"] = _options.SecretKey,
        ["SessionToken"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
        ["Expiration"] = session.Expiration.ToUnixTimeMilliseconds() / 1000.0,
    };

    private static int Seconds(JsonObject request, string name, int fallback, int min, int max)
    {
        var value = request[name] switch
        {
            null => fallback,
            JsonValue v when v.TryGetValue<int>(out var n) => n,
            JsonValue v when int.TryParse(v.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            var other => throw StsErrors.Validation($"{name} '{other}' is not a number of seconds"),
        };
        return value >= min && value <= max
            ? value
            : throw StsErrors.Validation(
                $"1 validation error detected: Value '{value}' at 'durationSeconds' failed to satisfy constraint: Member must have value between {min} and "
                + $"{max}");
    }

    private static string? Text(JsonObject request, string name) => request[name]?.GetValue<string>() is { Length: > 0 } text ? text : null;

    private static string Random(int length) =>
        string.Concat(RandomNumberGenerator.GetItems<char>("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length));

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>\d{12}):role/(?<name>[\w+=,.@/-]+)$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionName();
}

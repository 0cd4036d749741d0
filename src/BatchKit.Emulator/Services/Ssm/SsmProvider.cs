using System.Globalization;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>
/// AWS Systems Manager Parameter Store: one method per operation, named after it. Requests arrive validated against
/// the SSM model (types, required members, MaxResults 1-10, list sizes); the rules the model cannot say (names, the
/// tier's value size, SecureString encryption) are checked here.
/// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_Operations.html
/// </summary>
internal sealed partial class SsmProvider(SsmStore store, EmulatorOptions options, TimeProvider time) : IJsonService
{
    /// <summary>
    /// Standard-tier values hold 4 KB, Advanced 8 KB
    /// (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html).
    /// </summary>
    public const int StandardMaxValue = 4096;

    public const int AdvancedMaxValue = 8192;

    private readonly SsmSecureString _secure = new(options.SecretKey);
    private readonly PageTokens _tokens = new(options.SecretKey, "ssm:GetParametersByPath");
    private Dictionary<string, Func<JsonObject, JsonObject>>? _handlers;

    public string TargetPrefix => "AmazonSSM";

    public string ContentType => "application/x-amz-json-1.1";

    public string SigningName => "ssm";

    public string ModelName => "ssm";

    public long MaxRequestBytes => 1 << 20;

    public IReadOnlyCollection<string> Operations => Handlers.Keys;

    private Dictionary<string, Func<JsonObject, JsonObject>> Handlers => _handlers ??= new(StringComparer.Ordinal)
    {
        ["PutParameter"] = PutParameter,
        ["GetParameter"] = GetParameter,
        ["GetParameters"] = GetParameters,
        ["GetParametersByPath"] = GetParametersByPath,
        ["DeleteParameter"] = DeleteParameter,
        ["DeleteParameters"] = DeleteParameters,
        ["DescribeParameters"] = DescribeParameters,
        ["GetParameterHistory"] = GetParameterHistory,
        ["AddTagsToResource"] = AddTagsToResource,
        ["ListTagsForResource"] = ListTagsForResource,
        ["RemoveTagsFromResource"] = RemoveTagsFromResource,
    };

    public Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        Handlers.TryGetValue(operation, out var handler)
            ? Task.FromResult<JsonNode?>(handler(request))
            : throw new ServiceErrorException("UnknownOperationException", $"The operation {operation} is not supported by BatchKit's SSM emulation.");

    /// <summary>https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html</summary>
    public JsonObject PutParameter(JsonObject request)
    {
        var name = request["Name"]!.GetValue<string>();
        var value = request["Value"]!.GetValue<string>();
        SsmParameterName.Validate(name);
        var existing = store.Parameters.GetValueOrDefault(name);
        var type = request["Type"]?.GetValue<string>() ?? existing?.Type ?? throw SsmErrors.Validation(
            "A parameter type is required when you create a parameter.");
        if (type is not ("String" or "StringList" or "SecureString"))
        {
            throw SsmErrors.UnsupportedParameterType(type);
        }

        var tier = Tier(request["Tier"]?.GetValue<string>() ?? existing?.Tier ?? "Standard", value);
        if (existing is not null && request["Overwrite"]?.GetValue<bool>() != true)
        {
            throw SsmErrors.ParameterAlreadyExists(name);
        }

        var stored = type == "SecureString" ? _secure.Encrypt(name, value) : value;
        var parameter = new SsmParameter(name, type, stored, (existing?.Version ?? 0) + 1, time.GetUtcNow(), request["Description"]?.GetValue<string>())
        {
            Tier = tier,
        };
        store.Parameters[name] = parameter;
        Remember(parameter, request["Tags"] as JsonArray);
        return new JsonObject { ["Version"] = parameter.Version, ["Tier"] = tier };
    }

    public JsonObject GetParameter(JsonObject request)
    {
        var name = request["Name"]!.GetValue<string>();
        var parameter = store.Parameters.GetValueOrDefault(name) ?? throw SsmErrors.ParameterNotFound(name);
        return new JsonObject { ["Parameter"] = Describe(parameter, Decrypt(request)) };
    }

    public JsonObject GetParameters(JsonObject request)
    {
        var found = new JsonArray();
        var invalid = new JsonArray();
        foreach (var name in request["Names"]!.AsArray().Select(n => n!.GetValue<string>()).Distinct(StringComparer.Ordinal))
        {
            if (store.Parameters.TryGetValue(name, out var p))
            {
                found.Add((JsonNode)Describe(p, Decrypt(request)));
            }
            else
            {
                invalid.Add((JsonNode)JsonValue.Create(name));
            }
        }

        return new JsonObject { ["Parameters"] = found, ["InvalidParameters"] = invalid };
    }

    public JsonObject GetParametersByPath(JsonObject request)
    {
        var path = request["Path"]!.GetValue<string>();
        var recursive = request["Recursive"]?.GetValue<bool>() ?? false;
        var prefix = path.EndsWith('/') ? path : path + "/";
        var max = request["MaxResults"]?.GetValue<int>() ?? 10;
        var start = request["NextToken"]?.GetValue<string>() is { } token
            ? _tokens.ReadOffset(token) ?? throw new ServiceErrorException("InvalidNextToken", "The specified token isn't valid.")
            : 0;
        var matches = store.Parameters.Values
            .Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal) && (recursive || !p.Name[prefix.Length..].Contains('/', StringComparison.Ordinal)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var page = matches.Skip(start).Take(max).Select(p => (JsonNode?)Describe(p, Decrypt(request))).ToArray();
        var response = new JsonObject { ["Parameters"] = new JsonArray(page) };
        if (start + max < matches.Count)
        {
            response["NextToken"] = _tokens.Issue((start + max).ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    public JsonObject DeleteParameter(JsonObject request)
    {
        var name = Required(request, "Name");
        return Forget(name) ? [] : throw SsmErrors.ParameterNotFound(name);
    }

    /// <summary>The tier a value needs: Standard holds 4 KB, Advanced 8 KB; Intelligent-Tiering picks the smaller that fits.</summary>
    private static string Tier(string requested, string value)
    {
        var tier = requested == "Intelligent-Tiering" ? (value.Length > StandardMaxValue ? "Advanced" : "Standard") : requested;
        if (tier == "Standard" && value.Length > StandardMaxValue)
        {
            throw SsmErrors.Validation($"Standard tier parameters support a maximum parameter value of {StandardMaxValue} characters. To create a larger "
                + "parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see "
                + "https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html");
        }

        return tier == "Advanced" && value.Length > AdvancedMaxValue
            ? throw SsmErrors.Validation($"Advanced tier parameters support a maximum parameter value of {AdvancedMaxValue} characters.")
            : tier;
    }

    private static bool Decrypt(JsonObject request) => request["WithDecryption"]?.GetValue<bool>() ?? false;

    private JsonObject Describe(SsmParameter p, bool decrypt) => new()
    {
        ["Name"] = p.Name,
        ["Type"] = p.Type,
        ["Value"] = p.Type == "SecureString" && decrypt ? _secure.Decrypt(p.Name, p.Value) : p.Value,
        ["Version"] = p.Version,
        ["LastModifiedDate"] = p.LastModifiedDate.ToUnixTimeMilliseconds() / 1000.0,
        ["ARN"] = $"arn:aws:ssm:{options.Region}:{options.AccountId}:parameter{(p.Name.StartsWith('/') ? "" : "/")}{p.Name}",
        ["DataType"] = "text",
    };
}

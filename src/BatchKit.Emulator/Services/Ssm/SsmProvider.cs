using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>
/// AWS Systems Manager Parameter Store: one method per operation, named after it.
/// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_Operations.html
/// </summary>
internal sealed class SsmProvider(SsmStore store, EmulatorOptions options, TimeProvider time) : IJsonService
{
    private static readonly string[] Types = ["String", "StringList", "SecureString"];

    public string TargetPrefix => "AmazonSSM";

    public string ContentType => "application/x-amz-json-1.1";

    public Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) => Task.FromResult<JsonNode?>(operation switch
    {
        "PutParameter" => PutParameter(request),
        "GetParameter" => GetParameter(request),
        "GetParameters" => GetParameters(request),
        "GetParametersByPath" => GetParametersByPath(request),
        "DeleteParameter" => DeleteParameter(request),
        _ => throw new ServiceErrorException("UnknownOperationException", $"The operation {operation} is not supported by BatchKit's SSM emulation."),
    });

    public JsonObject PutParameter(JsonObject request)
    {
        var name = Required(request, "Name");
        var value = Required(request, "Value");
        var overwrite = request["Overwrite"]?.GetValue<bool>() ?? false;
        var existing = store.Parameters.GetValueOrDefault(name);
        var type = request["Type"]?.GetValue<string>() ?? existing?.Type ?? throw SsmErrors.Validation("A parameter type is required when you create a parameter.");
        if (!Types.Contains(type))
        {
            throw SsmErrors.UnsupportedParameterType(type);
        }

        if (!name.StartsWith('/') && name.Contains('/', StringComparison.Ordinal))
        {
            throw SsmErrors.Validation($"Parameter name: hierarchical names must begin with '/': {name}");
        }

        if (existing is not null && !overwrite)
        {
            throw SsmErrors.ParameterAlreadyExists(name);
        }

        var parameter = new SsmParameter(name, type, value, (existing?.Version ?? 0) + 1, time.GetUtcNow(), request["Description"]?.GetValue<string>());
        store.Parameters[name] = parameter;
        return new JsonObject { ["Version"] = parameter.Version, ["Tier"] = "Standard" };
    }

    public JsonObject GetParameter(JsonObject request)
    {
        var name = Required(request, "Name");
        return new JsonObject { ["Parameter"] = Describe(store.Parameters.GetValueOrDefault(name) ?? throw SsmErrors.ParameterNotFound(name)) };
    }

    public JsonObject GetParameters(JsonObject request)
    {
        var names = request["Names"] as JsonArray ?? throw SsmErrors.Validation("Names is required.");
        var found = new JsonArray();
        var invalid = new JsonArray();
        foreach (var name in names.Select(n => n!.GetValue<string>()))
        {
            if (store.Parameters.TryGetValue(name, out var p))
            {
                found.Add((JsonNode)Describe(p));
            }
            else
            {
                invalid.Add(JsonValue.Create(name));
            }
        }

        return new JsonObject { ["Parameters"] = found, ["InvalidParameters"] = invalid };
    }

    public JsonObject GetParametersByPath(JsonObject request)
    {
        var path = Required(request, "Path");
        var recursive = request["Recursive"]?.GetValue<bool>() ?? false;
        var prefix = path.EndsWith('/') ? path : path + "/";
        var max = request["MaxResults"]?.GetValue<int>() ?? 10;
        var start = request["NextToken"]?.GetValue<string>() is { } token ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var matches = store.Parameters.Values
            .Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal) && (recursive || !p.Name[prefix.Length..].Contains('/', StringComparison.Ordinal)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var page = matches.Skip(start).Take(max).Select(p => (JsonNode?)Describe(p)).ToArray();
        var response = new JsonObject { ["Parameters"] = new JsonArray(page) };
        if (start + max < matches.Count)
        {
            response["NextToken"] = (start + max).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return response;
    }

    public JsonObject DeleteParameter(JsonObject request)
    {
        var name = Required(request, "Name");
        return store.Parameters.TryRemove(name, out _) ? [] : throw SsmErrors.ParameterNotFound(name);
    }

    private JsonObject Describe(SsmParameter p) => new()
    {
        ["Name"] = p.Name,
        ["Type"] = p.Type,
        ["Value"] = p.Value,
        ["Version"] = p.Version,
        ["LastModifiedDate"] = p.LastModifiedDate.ToUnixTimeMilliseconds() / 1000.0,
        ["ARN"] = $"arn:aws:ssm:{options.Region}:{options.AccountId}:parameter{(p.Name.StartsWith('/') ? "" : "/")}{p.Name}",
        ["DataType"] = "text",
    };

    private static string Required(JsonObject request, string field) =>
        request[field]?.GetValue<string>() is { Length: > 0 } value ? value : throw SsmErrors.Validation($"1 validation error detected: Value null at '{char.ToLowerInvariant(field[0])}{field[1..]}' failed to satisfy constraint: Member must not be null");
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>
/// The everyday operations around parameters: their metadata (DescribeParameters), every version
/// (GetParameterHistory), tags, and deleting several at once.
/// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html
/// </summary>
internal sealed partial class SsmProvider
{
    private const int MaxHistory = 100; // SSM keeps the last 100 versions of a parameter

    public JsonObject DeleteParameters(JsonObject request)
    {
        var names = (request["Names"] as JsonArray ?? throw SsmErrors.Validation("Names is required.")).Select(n => n!.GetValue<string>()).ToList();
        var deleted = names.Where(Forget).ToList();
        return new JsonObject
        {
            ["DeletedParameters"] = new JsonArray([.. deleted.Select(n => (JsonNode)n)]),
            ["InvalidParameters"] = new JsonArray([.. names.Except(deleted).Select(n => (JsonNode)n)]),
        };
    }

    /// <summary>Filters by Name, Type, Path (Recursive or OneLevel) and tag:KEY, with Equals, BeginsWith or Contains.</summary>
    public JsonObject DescribeParameters(JsonObject request)
    {
        var filters = (request["ParameterFilters"] as JsonArray ?? []).Concat(request["Filters"] as JsonArray ?? []).Select(f => f!.AsObject()).ToList();
        var matches = store.Parameters.Values.Where(p => filters.All(f => Matches(p, f))).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return Page(request, matches, 50, p => Metadata(p), "Parameters");
    }

    public JsonObject GetParameterHistory(JsonObject request)
    {
        var name = Required(request, "Name");
        var history = store.History.GetValueOrDefault(name) ?? throw SsmErrors.ParameterNotFound(name);
        List<SsmParameter> versions;
        lock (history)
        {
            versions = [.. history];
        }

        return Page(request, versions, 50, p => Metadata(p, withValue: true, Decrypt(request)), "Parameters");
    }

    public JsonObject AddTagsToResource(JsonObject request)
    {
        var tags = Tags(TaggedName(request));
        lock (tags)
        {
            foreach (var tag in request["Tags"] as JsonArray ?? throw SsmErrors.Validation("Tags is required."))
            {
                tags[tag!["Key"]!.GetValue<string>()] = tag["Value"]?.GetValue<string>() ?? "";
            }

            store.Tags.Save(TaggedName(request));
        }

        return [];
    }

    public JsonObject ListTagsForResource(JsonObject request)
    {
        var tags = Tags(TaggedName(request));
        lock (tags)
        {
            return new JsonObject { ["TagList"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]) };
        }
    }

    public JsonObject RemoveTagsFromResource(JsonObject request)
    {
        var tags = Tags(TaggedName(request));
        lock (tags)
        {
            foreach (var key in request["TagKeys"] as JsonArray ?? throw SsmErrors.Validation("TagKeys is required."))
            {
                tags.Remove(key!.GetValue<string>());
            }

            store.Tags.Save(TaggedName(request));
        }

        return [];
    }

    private void Remember(SsmParameter parameter, JsonArray? tags)
    {
        var history = store.History.GetOrAdd(parameter.Name, _ => []);
        lock (history)
        {
            history.Add(parameter);
            if (history.Count > MaxHistory)
            {
                history.RemoveAt(0);
            }

            store.History.Save(parameter.Name);
        }

        if (tags is not null)
        {
            AddTagsToResource(new JsonObject { ["ResourceType"] = "Parameter", ["ResourceId"] = parameter.Name, ["Tags"] = tags.DeepClone() });
        }
    }

    private bool Forget(string name)
    {
        store.History.TryRemove(name, out _);
        store.Tags.TryRemove(name, out _);
        return store.Parameters.TryRemove(name, out _);
    }

    private SortedDictionary<string, string> Tags(string name) =>
        store.Parameters.ContainsKey(name) ? store.Tags.GetOrAdd(name, _ => new(StringComparer.Ordinal)) : throw InvalidResourceId(name);

    private static string TaggedName(JsonObject request)
    {
        var type = Required(request, "ResourceType");
        return type == "Parameter"
            ? Required(request, "ResourceId")
            : throw SsmErrors.Validation($"BatchKit's SSM emulation tags parameters only; ResourceType {type} is not emulated.");
    }

    private static Protocol.ServiceErrorException InvalidResourceId(string name) => new("InvalidResourceId",
        $"The resource ID \"{name}\" is not valid. Verify the ID and try again.");

    private bool Matches(SsmParameter parameter, JsonObject filter)
    {
        var key = filter["Key"]!.GetValue<string>();
        var option = filter["Option"]?.GetValue<string>() ?? (key == "Path" ? "OneLevel" : "Equals");
        var values = (filter["Values"] as JsonArray ?? []).Select(v => v!.GetValue<string>()).ToList();
        return key switch
        {
            "Name" => values.Any(v => Compare(parameter.Name, option, v) || Compare(parameter.Name.TrimStart('/'), option, v.TrimStart('/'))),
            "Type" => values.Any(v => Compare(parameter.Type, option, v)),
            "Path" => values.Any(v => InPath(parameter.Name, v, option == "Recursive")),
            _ when key.StartsWith("tag:", StringComparison.Ordinal) => store.Tags.GetValueOrDefault(parameter.Name) is { } tags
                && tags.TryGetValue(key[4..], out var tag) && (values.Count == 0 || values.Any(v => Compare(tag, option, v))),
            _ => throw SsmErrors.Validation($"The parameter filter key {key} is not one of Name, Type, Path, tag:KEY in BatchKit's SSM emulation."),
        };
    }

    private static bool Compare(string actual, string option, string value) => option switch
    {
        "BeginsWith" => actual.StartsWith(value, StringComparison.Ordinal),
        "Contains" => actual.Contains(value, StringComparison.Ordinal),
        _ => actual == value,
    };

    private static bool InPath(string name, string path, bool recursive)
    {
        var prefix = path.EndsWith('/') ? path : path + "/";
        return name.StartsWith(prefix, StringComparison.Ordinal) && (recursive || !name[prefix.Length..].Contains('/', StringComparison.Ordinal));
    }

    private JsonObject Metadata(SsmParameter p, bool withValue = false, bool decrypt = false)
    {
        var metadata = Describe(p, decrypt);
        if (!withValue)
        {
            metadata.Remove("Value");
        }

        metadata.Remove("Selector");
        metadata["Tier"] = "Standard";
        metadata["Policies"] = new JsonArray();
        metadata["LastModifiedUser"] = $"arn:aws:iam::{options.AccountId}:root";
        if (p.Description is not null)
        {
            metadata["Description"] = p.Description;
        }

        return metadata;
    }

    private static JsonObject Page(JsonObject request, List<SsmParameter> items, int maxResults, Func<SsmParameter, JsonObject> describe, string member)
    {
        var max = Math.Clamp(request["MaxResults"]?.GetValue<int>() ?? maxResults, 1, maxResults);
        var start = request["NextToken"]?.GetValue<string>() is { } token && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? s
            : 0;
        var response = new JsonObject { [member] = new JsonArray([.. items.Skip(start).Take(max).Select(i => (JsonNode)describe(i))]) };
        if (start + max < items.Count)
        {
            response["NextToken"] = (start + max).ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    /// <summary>The botocore model already refused a missing member; this names an empty one the same way.</summary>
    private static string Required(JsonObject request, string field) =>
        request[field]?.GetValue<string>() is { Length: > 0 } value ? value
            : throw SsmErrors.Validation(
                $"1 validation error detected: Value null at '{char.ToLowerInvariant(field[0])}{field[1..]}' failed to satisfy constraint: Member must not "
                + "be null");
}

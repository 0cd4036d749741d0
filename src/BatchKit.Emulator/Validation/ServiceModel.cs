using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Validation;

/// <summary>
/// One service's API model as botocore ships it (<c>service-2.json</c>: operations, their HTTP bindings, input shapes
/// and errors), embedded in the emulator by scripts/update-service-models.py. Loaded once, on first use.
/// https://smithy.io/2.0/spec/model.html (botocore's JSON form of the same model)
/// </summary>
internal sealed class ServiceModel
{
    private static readonly ConcurrentDictionary<string, Lazy<ServiceModel>> Loaded = new(StringComparer.Ordinal);
    private readonly JsonObject _shapes;

    private ServiceModel(string name, JsonObject model)
    {
        Name = name;
        _shapes = model["shapes"]!.AsObject();
        Operations = model["operations"]!.AsObject().ToDictionary(
            o => o.Key,
            o => new ModelOperation(
                o.Key,
                o.Value!["http"]?["method"]?.GetValue<string>() ?? "POST",
                o.Value["http"]?["requestUri"]?.GetValue<string>() ?? "/",
                o.Value["input"]?["shape"]?.GetValue<string>(),
                [.. (o.Value["errors"] as JsonArray ?? []).Select(e => e!["shape"]!.GetValue<string>())]),
            StringComparer.Ordinal);
    }

    /// <summary>The model's folder name in botocore: <c>ssm</c>, <c>stepfunctions</c>, <c>ecs</c>, <c>events</c>, <c>lambda</c>, <c>s3</c>.</summary>
    public string Name { get; }

    public IReadOnlyDictionary<string, ModelOperation> Operations { get; }

    public static ServiceModel Load(string name) => Loaded.GetOrAdd(name, n => new Lazy<ServiceModel>(() => Read(n))).Value;

    public JsonObject Shape(string name) => _shapes[name]?.AsObject() ?? throw new KeyNotFoundException($"The {Name} model has no shape '{name}'.");

    private static ServiceModel Read(string name)
    {
        var resource = $"BatchKit.Emulator.Validation.Models.{name}.json.gz";
        using var stream = typeof(ServiceModel).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The emulator has no embedded model '{resource}'.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return new ServiceModel(name, JsonNode.Parse(gzip)!.AsObject());
    }
}

namespace BatchKit.Emulator.Validation;

/// <summary>
/// Finds a REST operation from its HTTP binding in the model (<c>"http": {"method": "POST", "requestUri":
/// "/2015-03-31/functions/{FunctionName}/invocations"}</c>), among the operations an emulation implements, and
/// reads its URI labels (decoded). The binding with the most literal segments wins, as in a Smithy router.
/// https://smithy.io/2.0/spec/http-bindings.html#http-trait
/// </summary>
internal sealed class RestRoutes(ServiceModel model, IEnumerable<string> implemented)
{
    private readonly List<(ModelOperation Operation, string[] Segments)> _routes =
        [.. implemented.Select(name => model.Operations[name]).Select(o => (o, Segments(o.RequestUri.Split('?')[0])))];

    public sealed record Match(ModelOperation Operation, IReadOnlyDictionary<string, string> Labels);

    /// <summary>The operation for a method and raw (still encoded) path, or null when none is bound there.</summary>
    public Match? Find(string method, string rawPath)
    {
        var path = Segments(rawPath);
        Match? best = null;
        var bestLiterals = -1;
        foreach (var (operation, template) in _routes.Where(r => string.Equals(r.Operation.HttpMethod, method, StringComparison.OrdinalIgnoreCase)))
        {
            if (Bind(template, path) is { } labels && template.Count(s => !s.StartsWith('{')) is var literals && literals > bestLiterals)
            {
                (best, bestLiterals) = (new Match(operation, labels), literals);
            }
        }

        return best;
    }

    private static Dictionary<string, string>? Bind(string[] template, string[] path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Length; i++)
        {
            var segment = template[i];
            if (segment.StartsWith('{') && segment.EndsWith("+}", StringComparison.Ordinal))
            {
                labels[segment[1..^2]] = Uri.UnescapeDataString(string.Join('/', path.Skip(i)));
                return i < path.Length ? labels : null;
            }

            if (i >= path.Length)
            {
                return null;
            }

            if (segment.StartsWith('{'))
            {
                labels[segment[1..^1]] = Uri.UnescapeDataString(path[i]);
            }
            else if (segment != path[i])
            {
                return null;
            }
        }

        return template.Length == path.Length ? labels : null;
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

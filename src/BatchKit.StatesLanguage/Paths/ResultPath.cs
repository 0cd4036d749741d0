using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Paths;

/// <summary>
/// ResultPath: where a state's result goes in its input. Null discards the result (the input passes through);
/// <c>$</c> replaces the input; <c>$.a.b</c> sets a.b in a copy of the input, creating objects on the way.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
/// </summary>
internal static class ResultPath
{
    public static JsonNode? Apply(string? resultPath, JsonNode? input, JsonNode? result)
    {
        if (resultPath is null)
        {
            return JsonText.Clone(input);
        }

        var path = JsonPath.Parse(resultPath);
        if (path.Segments.Count == 0)
        {
            return JsonText.Clone(result);
        }

        var root = JsonText.Clone(input);
        if (root is not JsonObject)
        {
            throw Unapplicable(resultPath, input);
        }

        JsonNode current = root;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var last = i == path.Segments.Count - 1;
            switch (path.Segments[i])
            {
                case JsonPathSegment.Property p when current is JsonObject o:
                    if (last)
                    {
                        o[p.Name] = JsonText.Clone(result);
                    }
                    else
                    {
                        if (o[p.Name] is not JsonObject and not JsonArray)
                        {
                            o[p.Name] = new JsonObject();
                        }

                        current = o[p.Name]!;
                    }

                    break;
                case JsonPathSegment.Index ix when current is JsonArray a && ix.Position >= 0 && ix.Position < a.Count:
                    if (last)
                    {
                        a[ix.Position] = JsonText.Clone(result);
                    }
                    else
                    {
                        current = a[ix.Position] ?? throw Unapplicable(resultPath, input);
                    }

                    break;
                default:
                    throw Unapplicable(resultPath, input);
            }
        }

        return root;
    }

    private static FailureException Unapplicable(string resultPath, JsonNode? input) =>
        new(ErrorNames.ResultPathMatchFailure, $"Unable to apply ResultPath \"{resultPath}\" to input {JsonText.Serialize(input)}");
}

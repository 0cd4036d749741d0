using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Definition;

/// <summary>
/// Reading Retry and Catch. https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
/// </summary>
internal sealed partial class DefinitionReader
{
    private List<Retrier> Retriers(JsonObject node, string at)
    {
        var result = new List<Retrier>();
        if (node["Retry"] is not JsonArray list)
        {
            return result;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var location = $"{at}/Retry/{i}";
            if (list[i] is not JsonObject r)
            {
                Error(Schema, "A retrier must be an object", location);
                continue;
            }

            CheckFields(r, location, ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]);
            var jitter = OptionalString(r, "JitterStrategy", location);
            if (jitter is not (null or "FULL" or "NONE"))
            {
                Error(Schema, "JitterStrategy must be FULL or NONE", $"{location}/JitterStrategy");
            }

            result.Add(new Retrier(
                ErrorEquals(r, location),
                (int)(OptionalInteger(r, "IntervalSeconds", location, min: 1, max: 99_999_999) ?? 1),
                (int)(OptionalInteger(r, "MaxAttempts", location, min: 0, max: 99_999_999) ?? 3),
                OptionalNumber(r, "BackoffRate", location, 1.0, double.MaxValue) ?? 2.0,
                (int?)OptionalInteger(r, "MaxDelaySeconds", location, min: 1, max: 31_622_400),
                jitter == "FULL"));
        }

        return result;
    }

    private List<Catcher> Catchers(JsonObject node, string at)
    {
        var result = new List<Catcher>();
        if (node["Catch"] is not JsonArray list)
        {
            return result;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var location = $"{at}/Catch/{i}";
            if (list[i] is not JsonObject c)
            {
                Error(Schema, "A catcher must be an object", location);
                continue;
            }

            result.Add(Catcher(c, location));
        }

        return result;
    }

    /// <summary>JSONPath: ResultPath and Assign; JSONata: Output and Assign.</summary>
    private Catcher Catcher(JsonObject node, string at)
    {
        CheckFields(node, at, Jsonata ? ["ErrorEquals", "Next", "Output", "Assign", "Comment"] : ["ErrorEquals", "Next", "ResultPath", "Assign", "Comment"]);
        CheckVariableNames(node, at);
        var next = RequiredString(node, "Next", at) ?? "";
        if (Jsonata)
        {
            return new Catcher(ErrorEquals(node, at), next, States.PathSetting.Default, null)
            {
                Output = JsonataField(node, "Output", at),
                JsonataAssign = JsonataField(node, "Assign", at, objectOnly: true),
            };
        }

        var assign = Template(node, "Assign", at, objectOnly: true) as JsonObject;
        return new Catcher(ErrorEquals(node, at), next, PathSetting(node, "ResultPath", at), assign);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Template;
using static BatchKit.CloudFormation.Intrinsics.IntrinsicFunctions;

namespace BatchKit.CloudFormation.Intrinsics;

/// <summary>
/// A name a template value refers to, found without evaluating anything: a Ref or <c>${Name}</c> (parameter, pseudo
/// parameter or resource), an Fn::GetAtt or <c>${Resource.Attribute}</c>, or the condition of an Fn::If. The
/// dependency graph is built from these, and an unsupported function is refused here, before anything is deployed.
/// </summary>
internal sealed record TemplateReference(TemplateReference.Kinds Kind, string Target, string? Attribute = null)
{
    internal enum Kinds
    {
        Ref,
        GetAtt,
        Condition,
    }

    public static List<TemplateReference> FindAll(JsonNode? node)
    {
        var found = new List<TemplateReference>();
        Walk(node, found);
        return found;
    }

    private static void Walk(JsonNode? node, List<TemplateReference> found)
    {
        switch (node)
        {
            case JsonObject o when NameOf(o) is { } function:
                Function(function, o[function], found);
                break;
            case JsonObject o:
                foreach (var (_, value) in o)
                {
                    Walk(value, found);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Walk(item, found);
                }

                break;
        }
    }

    private static void Function(string function, JsonNode? args, List<TemplateReference> found)
    {
        if (!Supported.Contains(function))
        {
            throw new TemplateException($"unsupported intrinsic function {function}");
        }

        switch (function, args)
        {
            case (Ref, JsonValue name) when name.GetValueKind() == JsonValueKind.String:
                found.Add(new TemplateReference(Kinds.Ref, name.GetValue<string>()));
                return;
            case (GetAtt, JsonArray and [JsonValue id, JsonValue attribute]) when attribute.GetValueKind() == JsonValueKind.String:
                found.Add(new TemplateReference(Kinds.GetAtt, id.GetValue<string>(), attribute.GetValue<string>()));
                return;
            case (GetAtt, JsonValue dotted)
                when dotted.GetValueKind() == JsonValueKind.String && dotted.GetValue<string>().Split('.', 2) is [var id, var attribute]:
                found.Add(new TemplateReference(Kinds.GetAtt, id, attribute));
                return;
            case (Ref or GetAtt, _):
                throw new TemplateException($"{function} has malformed arguments: {args?.ToJsonString() ?? "null"}");
            case (Sub, _):
                SubReferences(args, found);
                return;
            case (If, JsonArray and [JsonValue condition, var whenTrue, var whenFalse]):
                found.Add(new TemplateReference(Kinds.Condition, condition.GetValue<string>()));
                Walk(whenTrue, found);
                Walk(whenFalse, found);
                return;
            default:
                Walk(args, found);
                return;
        }
    }

    private static void SubReferences(JsonNode? args, List<TemplateReference> found)
    {
        var (text, variables) = args switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => (v.GetValue<string>(), new JsonObject()),
            JsonArray and [JsonValue v, JsonObject vars] when v.GetValueKind() == JsonValueKind.String => (v.GetValue<string>(), vars),
            _ => throw new TemplateException($"Fn::Sub takes a string or [string, {{variables}}], got {args?.ToJsonString()}"),
        };
        foreach (var (_, value) in variables)
        {
            Walk(value, found);
        }

        foreach (var name in SubTemplate.Parse(text).Variables.Where(n => !variables.ContainsKey(n)))
        {
            found.Add(name.Split('.', 2) is [var id, var attribute] && !name.StartsWith("AWS::", StringComparison.Ordinal)
                ? new TemplateReference(Kinds.GetAtt, id, attribute)
                : new TemplateReference(Kinds.Ref, name));
        }
    }
}

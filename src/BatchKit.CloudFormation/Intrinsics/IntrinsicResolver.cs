using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Template;
using static BatchKit.CloudFormation.Intrinsics.IntrinsicFunctions;

namespace BatchKit.CloudFormation.Intrinsics;

/// <summary>
/// Evaluates the intrinsic functions in a template value against <see cref="IReferenceResolver"/>, the way
/// CloudFormation does at deploy: the result is plain JSON. <c>Ref AWS::NoValue</c> removes the property or list item
/// it stands in. Unsupported functions and malformed arguments throw <see cref="TemplateException"/> naming them.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
/// </summary>
internal sealed class IntrinsicResolver(IReferenceResolver references)
{
    public const string NoValueName = "AWS::NoValue";
    private const int MaxDepth = 64;

    /// <summary>Stands in for AWS::NoValue while resolving; compared by reference, never returned.</summary>
    private static readonly JsonValue NoValue = JsonValue.Create("\u0000" + NoValueName);

    /// <summary>The value with every intrinsic evaluated; null when the whole value is AWS::NoValue.</summary>
    public JsonNode? Resolve(JsonNode? node)
    {
        var resolved = ResolveNode(node, 0);
        return ReferenceEquals(resolved, NoValue) ? null : resolved;
    }

    /// <summary>A condition: Fn::Equals, Fn::Not, Fn::And, Fn::Or or <c>{"Condition": "Name"}</c>.</summary>
    public bool Evaluate(JsonNode? condition) => EvaluateCondition(condition, 0);

    private JsonNode? ResolveNode(JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new TemplateException($"a value nests intrinsic functions deeper than {MaxDepth} levels");
        }

        switch (node)
        {
            case JsonObject o when NameOf(o) is { } function:
                return Call(function, o[function], depth + 1);
            case JsonObject o:
                var resolvedObject = new JsonObject();
                foreach (var (key, value) in o)
                {
                    if (ResolveNode(value, depth + 1) is var v && !ReferenceEquals(v, NoValue))
                    {
                        resolvedObject[key] = v;
                    }
                }

                return resolvedObject;
            case JsonArray a:
                return new JsonArray([.. a.Select(item => ResolveNode(item, depth + 1)).Where(item => !ReferenceEquals(item, NoValue))]);
            default:
                return node?.DeepClone();
        }
    }

    private JsonNode? Call(string function, JsonNode? args, int depth) => function switch
    {
        Ref => RefOf(args),
        GetAtt => GetAttOf(args),
        Join => JoinOf(args, depth),
        Sub => SubOf(args, depth),
        Select => SelectOf(args, depth),
        Split => SplitOf(args, depth),
        GetAZs => new JsonArray([.. references.AvailabilityZones(Text(ResolveNode(args, depth), GetAZs)).Select(z => (JsonNode?)z)]),
        If => IfOf(args, depth),
        EqualsFunction or Not or And or Or => JsonValue.Create(EvaluateCondition(new JsonObject { [function] = args?.DeepClone() }, depth)),
        _ => throw new TemplateException($"unsupported intrinsic function {function}"),
    };

    private JsonNode RefOf(JsonNode? args)
    {
        var name = args is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw new TemplateException("Ref takes a name");
        return name == NoValueName ? NoValue : references.Ref(name).DeepClone();
    }

    private JsonNode GetAttOf(JsonNode? args)
    {
        var (logicalId, attribute) = args switch
        {
            JsonArray and [JsonValue id, JsonValue attr] when id.GetValueKind() == JsonValueKind.String && attr.GetValueKind() == JsonValueKind.String =>
                (id.GetValue<string>(), attr.GetValue<string>()),
            JsonValue dotted when dotted.GetValueKind() == JsonValueKind.String && dotted.GetValue<string>().Split('.', 2) is [var id, var attr] => (id, attr),
            _ => throw new TemplateException($"Fn::GetAtt takes [LogicalId, Attribute] or \"LogicalId.Attribute\", got {args?.ToJsonString()}"),
        };
        return references.GetAtt(logicalId, attribute).DeepClone();
    }

    private JsonValue JoinOf(JsonNode? args, int depth)
    {
        if (args is not (JsonArray and [JsonNode delimiter, var list]))
        {
            throw new TemplateException($"Fn::Join takes [delimiter, [values]], got {args?.ToJsonString()}");
        }

        var separator = Text(delimiter, Join);
        var items = List(ResolveNode(list, depth), Join).Select(item => Text(item, Join));
        return JsonValue.Create(string.Join(separator, items));
    }

    private JsonValue SubOf(JsonNode? args, int depth)
    {
        var (text, variables) = args switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => (v.GetValue<string>(), new JsonObject()),
            JsonArray and [JsonValue v, JsonObject vars] when v.GetValueKind() == JsonValueKind.String => (v.GetValue<string>(), vars),
            _ => throw new TemplateException($"Fn::Sub takes a string or [string, {{variables}}], got {args?.ToJsonString()}"),
        };
        var result = new StringBuilder();
        foreach (var part in SubTemplate.Parse(text).Parts)
        {
            result.Append(!part.IsVariable ? part.Text
                : variables.ContainsKey(part.Text) ? Text(ResolveNode(variables[part.Text], depth), Sub)
                : part.Text.Split('.', 2) is [var id, var attribute] && !part.Text.StartsWith("AWS::", StringComparison.Ordinal)
                    ? Text(references.GetAtt(id, attribute), Sub)
                    : Text(references.Ref(part.Text), Sub));
        }

        return JsonValue.Create(result.ToString());
    }

    private JsonNode? SelectOf(JsonNode? args, int depth)
    {
        if (args is not (JsonArray and [var indexNode, var list]))
        {
            throw new TemplateException($"Fn::Select takes [index, [values]], got {args?.ToJsonString()}");
        }

        var indexText = Text(ResolveNode(indexNode, depth), Select);
        var items = List(ResolveNode(list, depth), Select);
        return int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < items.Count
            ? items[index]?.DeepClone()
            : throw new TemplateException($"Fn::Select: index {indexText} is not within the {items.Count} values");
    }

    private JsonArray SplitOf(JsonNode? args, int depth)
    {
        if (args is not (JsonArray and [JsonNode delimiter, var source]))
        {
            throw new TemplateException($"Fn::Split takes [delimiter, string], got {args?.ToJsonString()}");
        }

        var separator = Text(delimiter, Split);
        return new JsonArray([.. Text(ResolveNode(source, depth), Split).Split(separator).Select(s => (JsonNode?)s)]);
    }

    private JsonNode? IfOf(JsonNode? args, int depth)
    {
        if (args is not (JsonArray and [JsonValue name, var whenTrue, var whenFalse]) || name.GetValueKind() != JsonValueKind.String)
        {
            throw new TemplateException($"Fn::If takes [ConditionName, valueIfTrue, valueIfFalse], got {args?.ToJsonString()}");
        }

        return ResolveNode(references.Condition(name.GetValue<string>()) ? whenTrue : whenFalse, depth);
    }

    private bool EvaluateCondition(JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new TemplateException($"a condition nests deeper than {MaxDepth} levels");
        }

        if (node is JsonObject { Count: 1 } single && single.First() is { Key: IntrinsicFunctions.Condition, Value: JsonValue name })
        {
            return references.Condition(name.GetValue<string>());
        }

        var function = node is JsonObject o ? NameOf(o) : null;
        var args = function is null ? null : node![function] as JsonArray;
        return function switch
        {
            EqualsFunction when args is [var left, var right] =>
                JsonNode.DeepEquals(Scalar(ResolveNode(left, depth + 1)), Scalar(ResolveNode(right, depth + 1))),
            Not when args is [var inner] => !EvaluateCondition(inner, depth + 1),
            And when args is { Count: >= 2 and <= 10 } => args.All(c => EvaluateCondition(c, depth + 1)),
            Or when args is { Count: >= 2 and <= 10 } => args.Any(c => EvaluateCondition(c, depth + 1)),
            EqualsFunction or Not or And or Or => throw new TemplateException($"{function} has the wrong arguments: {node!.ToJsonString()}"),
            _ => throw new TemplateException($"not a condition function: {node?.ToJsonString() ?? "null"}"),
        };
    }

    /// <summary>Fn::Equals compares values as strings when they are scalars ("1" equals 1, as parameters are strings).</summary>
    private static JsonNode? Scalar(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? JsonValue.Create(Text(v, "Fn::Equals"))
            : node;

    private static List<JsonNode?> List(JsonNode? node, string function) =>
        node as JsonArray is { } array ? [.. array] : throw new TemplateException($"{function} expects a list, got {node?.ToJsonString() ?? "null"}");

    /// <summary>A string value (numbers and booleans in their JSON text), as the string functions take them.</summary>
    internal static string Text(JsonNode? node, string function) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => throw new TemplateException($"{function} expects a string, got {v.ToJsonString()}"),
        }
        : throw new TemplateException($"{function} expects a string, got {node?.ToJsonString() ?? "null"}");
}

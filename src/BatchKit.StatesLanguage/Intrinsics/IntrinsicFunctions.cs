using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;

namespace BatchKit.StatesLanguage.Intrinsics;

/// <summary>
/// Evaluates the States Language intrinsic functions with AWS's edge behaviour (as recorded in the conformance
/// cases): e.g. MathAdd rounds each argument half up, StringSplit splits on any delimiter character and drops empty
/// parts, Format prints objects as <c>{key=value, ...}</c>.
/// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
/// </summary>
internal static class IntrinsicFunctions
{
    private const int MaxArrayRangeItems = 1000;
    private const int MaxBase64Input = 10_000;

    private static readonly ConcurrentDictionary<string, IntrinsicExpression.Call> Cache = new(StringComparer.Ordinal);

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "States.Format", "States.StringToJson", "States.JsonToString", "States.Array", "States.ArrayPartition",
        "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem", "States.ArrayLength", "States.ArrayUnique",
        "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge", "States.MathRandom",
        "States.MathAdd", "States.StringSplit", "States.UUID",
    };

    public static bool IsKnown(string name) => Known.Contains(name);

    public static bool IsIntrinsic(string value) => value.StartsWith("States.", StringComparison.Ordinal);

    /// <summary>Null when the text parses as an intrinsic call, else why not (for definition validation).</summary>
    public static string? Validate(string expression)
    {
        try
        {
            Parse(expression);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    public static JsonNode? Evaluate(string expression, IPathScope scope) => Evaluate(Parse(expression), scope);

    private static IntrinsicExpression.Call Parse(string expression) =>
        Cache.TryGetValue(expression, out var call) ? call : Cache.GetOrAdd(expression, IntrinsicParser.Parse(expression));

    private static JsonNode? Evaluate(IntrinsicExpression expression, IPathScope scope) => expression switch
    {
        IntrinsicExpression.Literal literal => literal.Value is JsonValue v && JsonText.IsString(v, out var s)
            ? JsonValue.Create(Unescape(s))
            : JsonText.Clone(literal.Value),
        IntrinsicExpression.PathReference path => JsonText.Clone(JsonPath.TrySelect(path.Path, scope, out var value)
            ? value
            : throw new FailureException(ErrorNames.Runtime,
                $"The JSONPath '{path.Path}' could not be found in the input '{JsonText.Serialize(scope.Input)}'")),
        IntrinsicExpression.Call call => Invoke(call, scope),
        _ => throw new InvalidOperationException("unknown intrinsic expression"),
    };

    private static JsonNode? Invoke(IntrinsicExpression.Call call, IPathScope scope)
    {
        // States.Format reads its template raw, to tell escaped braces from placeholders.
        var args = call.Arguments
            .Select((a, i) => call.Name == "States.Format" && i == 0 && a is IntrinsicExpression.Literal l ? JsonText.Clone(l.Value) : Evaluate(a, scope))
            .ToList();
        return call.Name switch
        {
            "States.Format" => Format(call, args),
            "States.StringToJson" => StringToJson(call, args),
            "States.JsonToString" => JsonValue.Create(JsonText.Serialize(Arity(call, args, 1)[0])),
            "States.Array" => new JsonArray(args.ToArray()),
            "States.ArrayPartition" => ArrayPartition(call, args),
            "States.ArrayContains" => JsonValue.Create(ArrayArg(call, args, 2, 0).Any(item => JsonText.DeepEquals(item, args[1]))),
            "States.ArrayRange" => ArrayRange(call, args),
            "States.ArrayGetItem" => ArrayGetItem(call, args),
            "States.ArrayLength" => JsonValue.Create(ArrayArg(call, args, 1, 0).Count),
            "States.ArrayUnique" => ArrayUnique(call, args),
            "States.Base64Encode" => Base64Encode(call, args),
            "States.Base64Decode" => Base64Decode(call, args),
            "States.Hash" => Hash(call, args),
            "States.JsonMerge" => JsonMerge(call, args),
            "States.MathRandom" => MathRandom(call, args),
            "States.MathAdd" => MathAdd(call, args),
            "States.StringSplit" => StringSplit(call, args),
            "States.UUID" => JsonValue.Create(Arity(call, args, 0).Count == 0 ? Guid.NewGuid().ToString() : null),
            _ => throw Fail(call, "is not supported"),
        };
    }

    private static string Unescape(string literal) => literal.Replace("\\{", "{", StringComparison.Ordinal).Replace("\\}", "}", StringComparison.Ordinal);

    private static JsonValue Format(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        if (args.Count == 0 || !JsonText.IsString(args[0], out var template))
        {
            throw Fail(call, "expects a string template as its first argument");
        }

        var sb = new StringBuilder();
        var next = 1;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '\\' && i + 1 < template.Length && template[i + 1] is '{' or '}')
            {
                sb.Append(template[++i]);
            }
            else if (template[i] == '{' && i + 1 < template.Length && template[i + 1] == '}')
            {
                if (next >= args.Count)
                {
                    throw Fail(call, "has more placeholders than arguments");
                }

                sb.Append(FormatValue(args[next++]));
                i++;
            }
            else
            {
                sb.Append(template[i]);
            }
        }

        return next == args.Count ? JsonValue.Create(sb.ToString()) : throw Fail(call, "has more arguments than placeholders");
    }

    /// <summary>AWS prints Format arguments the way Java's toString does: strings raw, objects as {k=v, ...}.</summary>
    private static string FormatValue(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(", ", o.Select(p => p.Key + "=" + FormatValue(p.Value))) + "}",
        JsonArray a => "[" + string.Join(", ", a.Select(FormatValue)) + "]",
        _ when JsonText.IsString(value, out var s) => s,
        _ => JsonText.Serialize(value),
    };

    private static JsonNode? StringToJson(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        if (!JsonText.IsString(Arity(call, args, 1)[0], out var text))
        {
            throw Fail(call, "expects a string");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return Normalise(JsonText.Parse(text));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw Fail(call, $"could not parse '{text}' as JSON: {e.Message}");
        }
    }

    /// <summary>"-0" reads back as 0, as AWS (Jackson) prints it.</summary>
    private static JsonNode? Normalise(JsonNode? node) =>
        node is JsonValue v && JsonText.IsNumber(v) && JsonText.Serialize(v) is "-0" or "-0.0" ? JsonValue.Create(0) : node;

    private static JsonArray ArrayPartition(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        var array = ArrayArg(call, args, 2, 0);
        var size = IntegerArg(call, args[1]);
        if (size <= 0)
        {
            throw Fail(call, $"chunk size must be a positive integer, got {size}");
        }

        var result = new JsonArray();
        for (var i = 0; i < array.Count; i += (int)size)
        {
            result.Add((JsonNode)new JsonArray(array.Skip(i).Take((int)size).Select(JsonText.Clone).ToArray()));
        }

        return result;
    }

    private static JsonArray ArrayRange(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        Arity(call, args, 3);
        var (start, end, step) = (IntegerArg(call, args[0]), IntegerArg(call, args[1]), IntegerArg(call, args[2]));
        if (step == 0)
        {
            throw Fail(call, "step must not be 0");
        }

        var result = new JsonArray();
        for (var i = start; step > 0 ? i <= end : i >= end; i += step)
        {
            if (result.Count == MaxArrayRangeItems)
            {
                throw Fail(call, $"would create more than {MaxArrayRangeItems} items");
            }

            result.Add((JsonNode)JsonValue.Create(i));
        }

        return result;
    }

    private static JsonNode? ArrayGetItem(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        var array = ArrayArg(call, args, 2, 0);
        var index = IntegerArg(call, args[1]);
        return index >= 0 && index < array.Count
            ? JsonText.Clone(array[(int)index])
            : throw Fail(call, $"index {index} is out of bounds for an array of {array.Count}");
    }

    private static JsonArray ArrayUnique(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        var result = new JsonArray();
        foreach (var item in ArrayArg(call, args, 1, 0))
        {
            if (!result.Any(seen => JsonText.DeepEquals(seen, item)))
            {
                result.Add(JsonText.Clone(item));
            }
        }

        return result;
    }

    private static JsonValue Base64Encode(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        var text = StringArg(call, Arity(call, args, 1)[0]);
        return text.Length <= MaxBase64Input
            ? JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)))
            : throw Fail(call, $"input is longer than {MaxBase64Input} characters");
    }

    private static JsonValue Base64Decode(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        var text = StringArg(call, Arity(call, args, 1)[0]);
        try
        {
            return JsonValue.Create(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (FormatException)
        {
            throw Fail(call, $"'{text}' is not valid base64");
        }
    }

    private static JsonValue Hash(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        Arity(call, args, 2);
        var data = Encoding.UTF8.GetBytes(args[0] is JsonValue v && JsonText.IsString(v, out var s) ? s : JsonText.Serialize(args[0]));
        var algorithm = StringArg(call, args[1]);
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are what the States Language asks for here, not used for security.
        byte[] hash = algorithm switch
        {
            "MD5" => MD5.HashData(data),
            "SHA-1" => SHA1.HashData(data),
            "SHA-256" => SHA256.HashData(data),
            "SHA-384" => SHA384.HashData(data),
            "SHA-512" => SHA512.HashData(data),
            _ => throw Fail(call, $"algorithm '{algorithm}' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"),
        };
#pragma warning restore CA5350, CA5351
        return JsonValue.Create(Convert.ToHexStringLower(hash));
    }

    private static JsonObject JsonMerge(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        Arity(call, args, 3);
        if (args[0] is not JsonObject left || args[1] is not JsonObject right)
        {
            throw Fail(call, "expects two JSON objects");
        }

        if (args[2] is not JsonValue deep || deep.GetValueKind() != System.Text.Json.JsonValueKind.False)
        {
            throw Fail(call, "supports only shallow merges: its third argument must be false");
        }

        var merged = (JsonObject)left.DeepClone();
        foreach (var (key, value) in right)
        {
            merged[key] = JsonText.Clone(value);
        }

        return merged;
    }

    private static JsonValue MathRandom(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        if (args.Count is not (2 or 3))
        {
            throw Fail(call, "expects 2 or 3 arguments");
        }

        var (start, end) = (IntegerArg(call, args[0]), IntegerArg(call, args[1]));
        var random = args.Count == 3 ? new Random((int)IntegerArg(call, args[2])) : Random.Shared;
        return JsonValue.Create(random.NextInt64(start, end));
    }

    private static JsonValue MathAdd(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        Arity(call, args, 2);
        return JsonValue.Create(RoundHalfUp(call, args[0]) + RoundHalfUp(call, args[1]));
    }

    /// <summary>Java's Math.round: floor(x + 0.5), so -1.5 → -1 and 2.5 → 3.</summary>
    private static long RoundHalfUp(IntrinsicExpression.Call call, JsonNode? value) =>
        JsonText.IsNumber(value)
            ? (long)Math.Floor(decimal.Parse(JsonText.Serialize(value), NumberStyles.Float, CultureInfo.InvariantCulture) + 0.5m)
            : throw Fail(call, $"expects numbers, got {JsonText.Serialize(value)}");

    private static JsonArray StringSplit(IntrinsicExpression.Call call, List<JsonNode?> args)
    {
        Arity(call, args, 2);
        var text = StringArg(call, args[0]);
        var delimiters = StringArg(call, args[1]).ToCharArray();
        return new JsonArray(text.Split(delimiters, StringSplitOptions.RemoveEmptyEntries).Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
    }

    private static List<JsonNode?> Arity(IntrinsicExpression.Call call, List<JsonNode?> args, int count) =>
        args.Count == count ? args : throw Fail(call, $"expects {count} argument{(count == 1 ? "" : "s")}, got {args.Count}");

    private static JsonArray ArrayArg(IntrinsicExpression.Call call, List<JsonNode?> args, int count, int index) =>
        Arity(call, args, count)[index] as JsonArray ?? throw Fail(call, $"expects an array as argument {index + 1}, got {JsonText.Serialize(args[index])}");

    private static long IntegerArg(IntrinsicExpression.Call call, JsonNode? value) =>
        JsonText.TryGetInteger(value, out var n) ? n : throw Fail(call, $"expects an integer, got {JsonText.Serialize(value)}");

    private static string StringArg(IntrinsicExpression.Call call, JsonNode? value) =>
        JsonText.IsString(value, out var s) ? s : throw Fail(call, $"expects a string, got {JsonText.Serialize(value)}");

    private static FailureException Fail(IntrinsicExpression.Call call, string why) =>
        new(ErrorNames.Runtime, $"The intrinsic function {call.Name} {why}.");
}

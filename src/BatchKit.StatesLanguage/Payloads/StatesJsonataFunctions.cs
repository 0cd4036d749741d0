using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BatchKit.Jsonata;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Payloads;

/// <summary>
/// The functions Step Functions adds to JSONata: $partition, $range, $hash, $random (with an optional seed), $uuid and
/// $parse. JSONata's $eval is not available in Step Functions ($parse replaces it).
/// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#jsonata-functions-provided-by-sfn
/// </summary>
internal static class StatesJsonataFunctions
{
    /// <summary>The most items $range may create, as States.ArrayRange.</summary>
    private const int MaxRangeItems = 1000;

    private static readonly Dictionary<string, (string Signature, JsonataHostFunction Function)> Functions = new(StringComparer.Ordinal)
    {
        ["partition"] = ("<an:a>", Partition),
        ["range"] = ("<nnn:a>", Range),
        ["hash"] = ("<ss:s>", Hash),
        ["random"] = ("<n?:n>", Random),
        ["uuid"] = ("<:s>", _ => JsonataResult.From(JsonValue.Create(Guid.NewGuid().ToString()))),
        ["parse"] = ("<s:x>", Parse),
        ["eval"] = ("<x-:x>", _ => throw new JsonataException("D3121", "The $eval function is not available in Step Functions; use $parse")),
    };

    /// <summary>Registers <c>$name</c> when it is one of these functions; false otherwise.</summary>
    public static bool TryRegister(JsonataBindings bindings, string name)
    {
        if (!Functions.TryGetValue(name, out var function))
        {
            return false;
        }

        bindings.RegisterFunction(name, function.Signature, function.Function);
        return true;
    }

    private static JsonataResult Partition(IReadOnlyList<JsonataResult> args)
    {
        var items = args[0].Value as JsonArray ?? [args[0].Value?.DeepClone()];
        var size = Integer(args[1], "$partition", "chunk size");
        if (size <= 0)
        {
            throw new JsonataException("D3020", $"$partition: the chunk size must be a positive integer, got {size}");
        }

        var result = new JsonArray();
        for (var i = 0; i < items.Count; i += (int)size)
        {
            result.Add((JsonNode)new JsonArray(items.Skip(i).Take((int)size).Select(JsonText.Clone).ToArray()));
        }

        return JsonataResult.From(result);
    }

    /// <summary>start, start+step, ... up to end inclusive; a single number is a value of its own, as JSONata sequences are.</summary>
    private static JsonataResult Range(IReadOnlyList<JsonataResult> args)
    {
        var (start, end, step) = (Integer(args[0], "$range", "start"), Integer(args[1], "$range", "end"), Integer(args[2], "$range", "step"));
        if (step == 0)
        {
            throw new JsonataException("D3020", "$range: the step must not be 0");
        }

        var result = new JsonArray();
        for (var i = start; step > 0 ? i <= end : i >= end; i += step)
        {
            if (result.Count == MaxRangeItems)
            {
                throw new JsonataException("D3020", $"$range: would create more than {MaxRangeItems} items");
            }

            result.Add((JsonNode)JsonValue.Create(i));
        }

        return result.Count switch
        {
            0 => JsonataResult.Undefined,
            1 => JsonataResult.From(result[0]!.DeepClone()),
            _ => JsonataResult.From(result),
        };
    }

    private static JsonataResult Hash(IReadOnlyList<JsonataResult> args)
    {
        var data = Encoding.UTF8.GetBytes(args[0].Value?.GetValue<string>() ?? "");
        var algorithm = args[1].Value?.GetValue<string>();
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are what the States Language offers here, not used for security.
        byte[] hash = algorithm switch
        {
            "MD5" => MD5.HashData(data),
            "SHA-1" => SHA1.HashData(data),
            "SHA-256" => SHA256.HashData(data),
            "SHA-384" => SHA384.HashData(data),
            "SHA-512" => SHA512.HashData(data),
            _ => throw new JsonataException("D3020", $"$hash: the algorithm '{algorithm}' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"),
        };
#pragma warning restore CA5350, CA5351
        return JsonataResult.From(JsonValue.Create(Convert.ToHexStringLower(hash)));
    }

    /// <summary>A number in [0, 1); with a seed, the same number for the same seed.</summary>
    private static JsonataResult Random(IReadOnlyList<JsonataResult> args)
    {
        var random = args.Count > 0 && !args[0].IsUndefined ? new Random((int)Integer(args[0], "$random", "seed")) : System.Random.Shared;
        return JsonataResult.From(JsonValue.Create(random.NextDouble()));
    }

    private static JsonataResult Parse(IReadOnlyList<JsonataResult> args)
    {
        var text = args[0].Value?.GetValue<string>() ?? "";
        try
        {
            return JsonataResult.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new JsonataException("D3020", $"$parse: the string is not JSON: {e.Message}");
        }
    }

    private static long Integer(JsonataResult value, string function, string what)
    {
        var number = value.Value is JsonValue v && JsonText.IsNumber(v) ? v.GetValue<double>() : double.NaN;
        return double.IsFinite(number) && number == Math.Floor(number)
            ? (long)number
            : throw new JsonataException("D3020", $"{function}: the {what} must be an integer, got {value}");
    }
}

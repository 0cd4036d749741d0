using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.DynamoDb;

/// <summary>
/// DynamoDB's typed values as they travel (<c>{"S": "x"}</c>, <c>{"N": "1.5"}</c>, <c>{"M": {...}}</c> ...): checking,
/// comparing, equality, numbers and sizes. Numbers are compared and added as decimals (28 significant digits, where
/// DynamoDB keeps 38). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
/// </summary>
internal static class AttributeValues
{
    public static readonly string[] Types = ["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"];

    public static string TypeOf(JsonObject value) => value.First().Key;

    /// <summary>Checks one value (recursively): exactly one known type, numbers that parse, sets non-empty without duplicates.</summary>
    public static void Check(JsonObject value, string where)
    {
        if (value.Count != 1 || !Types.Contains(TypeOf(value)))
        {
            throw DynamoDbErrors.InvalidParameter($"Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported " +
                $"datatypes ({where})");
        }

        var (type, content) = (TypeOf(value), value.First().Value);
        switch (type)
        {
            case "N":
                Number(content!.GetValue<string>());
                break;
            case "SS" or "NS" or "BS":
                var items = (content as JsonArray ?? []).Select(i => type == "NS" ? Normalize(i!.GetValue<string>()) : i!.GetValue<string>()).ToList();
                if (items.Count == 0)
                {
                    throw DynamoDbErrors.InvalidParameter($"An string set  may not be empty ({where})");
                }

                if (items.Distinct(StringComparer.Ordinal).Count() != items.Count)
                {
                    throw DynamoDbErrors.Validation($"One or more parameter values were invalid: Input collection {content!.ToJsonString()} contains " +
                        $"duplicates.");
                }

                break;
            case "M":
                foreach (var (name, member) in content!.AsObject())
                {
                    Check(member!.AsObject(), $"{where}.{name}");
                }

                break;
            case "L":
                foreach (var member in content!.AsArray())
                {
                    Check(member!.AsObject(), where);
                }

                break;
        }
    }

    public static decimal Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw DynamoDbErrors.Validation($"A value provided cannot be converted into a number: {text}");

    /// <summary>A number as DynamoDB returns it: no leading zeros, no trailing fractional zeros ("01.50" is "1.5").</summary>
    public static string Normalize(string text) => Format(Number(text));

    public static string Format(decimal n) => n.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Ordering for key conditions and comparisons: numbers by value, strings and binaries by their bytes. Null when not comparable.</summary>
    public static int? Compare(JsonObject a, JsonObject b)
    {
        var (type, other) = (TypeOf(a), TypeOf(b));
        if (type != other)
        {
            return null;
        }

        return type switch
        {
            "N" => Number(a["N"]!.GetValue<string>()).CompareTo(Number(b["N"]!.GetValue<string>())),
            "S" => Bytes(Encoding.UTF8.GetBytes(a["S"]!.GetValue<string>()), Encoding.UTF8.GetBytes(b["S"]!.GetValue<string>())),
            "B" => Bytes(Convert.FromBase64String(a["B"]!.GetValue<string>()), Convert.FromBase64String(b["B"]!.GetValue<string>())),
            _ => null,
        };
    }

    /// <summary>Deep equality; sets compare as sets, numbers by value.</summary>
    public static bool Equal(JsonObject? a, JsonObject? b)
    {
        if (a is null || b is null || TypeOf(a) != TypeOf(b))
        {
            return false;
        }

        var (type, x, y) = (TypeOf(a), a.First().Value!, b.First().Value!);
        return type switch
        {
            "N" => Number(x.GetValue<string>()) == Number(y.GetValue<string>()),
            "SS" or "BS" => Set(x).SetEquals(Set(y)),
            "NS" => Set(x).Select(Normalize).ToHashSet().SetEquals(Set(y).Select(Normalize)),
            "M" => x.AsObject().Count == y.AsObject().Count && x.AsObject().All(p => Equal(p.Value as JsonObject, y[p.Key] as JsonObject)),
            "L" => x.AsArray().Count == y.AsArray().Count && x.AsArray().Zip(y.AsArray()).All(p => Equal(p.First as JsonObject, p.Second as JsonObject)),
            _ => JsonNode.DeepEquals(x, y),
        };
    }

    public static HashSet<string> Set(JsonNode set) => set.AsArray().Select(i => i!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    /// <summary>An item's size as DynamoDB counts it, near enough: names and values in UTF-8, numbers and overheads roughly.</summary>
    public static int Size(JsonObject item) => item.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + ValueSize(p.Value!.AsObject()));

    private static int ValueSize(JsonObject value)
    {
        var content = value.First().Value!;
        return TypeOf(value) switch
        {
            "S" => Encoding.UTF8.GetByteCount(content.GetValue<string>()),
            "N" => (content.GetValue<string>().Length + 1) / 2 + 1,
            "B" => content.GetValue<string>().Length * 3 / 4,
            "SS" or "NS" or "BS" => content.AsArray().Sum(i => Encoding.UTF8.GetByteCount(i!.GetValue<string>())),
            "M" => 3 + content.AsObject().Sum(p => Encoding.UTF8.GetByteCount(p.Key) + ValueSize(p.Value!.AsObject()) + 1),
            "L" => 3 + content.AsArray().Sum(i => ValueSize(i!.AsObject()) + 1),
            _ => 1,
        };
    }

    private static int Bytes(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b);
}

using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>$keys, $lookup, $spread, $merge, $type, $error, $assert, $clone (https://docs.jsonata.org/object-functions).</summary>
internal static class ObjectFunctions
{
    public static object? Keys(NativeCall call, object?[] args) => KeysOf(Arg(args, 0));

    private static JsonataArray KeysOf(object? value)
    {
        var result = JsonataArray.Sequence();
        if (value is JsonataArray array)
        {
            var merged = new JsonataObject();
            foreach (var item in array)
            {
                foreach (var key in KeysOf(item))
                {
                    merged[(string)key!] = Value.True;
                }
            }

            return KeysOf(merged);
        }

        if (value is JsonataObject obj)
        {
            foreach (var key in obj.Keys)
            {
                result.Add(key);
            }
        }

        return result;
    }

    public static object? Lookup(NativeCall call, object?[] args) => Value.Lookup(Arg(args, 0), Arg(args, 1) as string ?? "undefined");

    public static object? Spread(NativeCall call, object?[] args) => SpreadValue(Arg(args, 0));

    private static object? SpreadValue(object? value)
    {
        if (value is JsonataArray array)
        {
            object? result = JsonataArray.Sequence();
            foreach (var item in array)
            {
                result = Value.Append(result, SpreadValue(item));
            }

            return result;
        }

        if (value is JsonataObject obj)
        {
            var result = JsonataArray.Sequence();
            foreach (var (key, item) in obj.Entries)
            {
                result.Add(new JsonataObject { [key] = item });
            }

            return result;
        }

        return value;
    }

    public static object? Merge(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray objects)
        {
            return null;
        }

        var result = new JsonataObject();
        foreach (var obj in objects)
        {
            if (obj is JsonataObject source)
            {
                foreach (var (key, item) in source.Entries)
                {
                    result[key] = item;
                }
            }
        }

        return result;
    }

    public static object? Type(NativeCall call, object?[] args) => Value.TypeOf(Arg(args, 0));

    public static object? Error(NativeCall call, object?[] args) =>
        throw new JsonataException("D3137", Arg(args, 0) is string { Length: > 0 } message ? message : "$error() function evaluated");

    public static object? Assert(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is true)
        {
            return null;
        }

        throw new JsonataException("D3141", Arg(args, 1) is string { Length: > 0 } message ? message : "$assert() statement failed");
    }

    /// <summary>A deep copy made the way the reference makes it: through $string's JSON text.</summary>
    public static object? Clone(NativeCall call, object?[] args) => Arg(args, 0) is { } value ? Copy(value) : null;

    private static object? Copy(object? value)
    {
        StackGuard.Ensure();
        switch (value)
        {
            case JsonataArray array:
                var items = new JsonataArray(array.Count);
                foreach (var item in array)
                {
                    items.Add(item is null ? JsonNull.Value : Copy(item));
                }

                return items;
            case JsonataObject obj:
                var result = new JsonataObject(obj.Count);
                foreach (var (key, item) in obj.Entries)
                {
                    if (item is not null)
                    {
                        result[key] = Copy(item);
                    }
                }

                return result;
            case JsonataFunction:
                return "";
            case double d when double.IsInfinity(d):
                throw new JsonataException("D1001") { Value = d };
            case double d:
                return double.IsNaN(d) ? JsonNull.Value : JsNumber.IsInteger(d) ? d : JsNumber.ToPrecision(d, 15);
            default:
                return value;
        }
    }
}

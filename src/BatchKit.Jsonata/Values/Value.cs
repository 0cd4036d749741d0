namespace BatchKit.Jsonata.Values;

/// <summary>
/// The evaluator's value rules, as the reference implementation applies them: types, effective boolean value,
/// equality, and the append and lookup primitives that build sequences (https://docs.jsonata.org/processing).
/// </summary>
internal static class Value
{
    public static readonly object True = true;
    public static readonly object False = false;

    public static object Bool(bool value) => value ? True : False;

    /// <summary>A number JSONata can use: not NaN; an infinite one is an error (D1001).</summary>
    public static bool IsNumeric(object? value)
    {
        if (value is not double d || double.IsNaN(d))
        {
            return false;
        }

        if (double.IsInfinity(d))
        {
            throw new JsonataException("D1001") { Value = d };
        }

        return true;
    }

    public static bool IsArrayOfNumbers(object? value)
    {
        if (value is not JsonataArray array)
        {
            return false;
        }

        foreach (var item in array)
        {
            if (!IsNumeric(item))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsArrayOfStrings(object? value) => value is JsonataArray array && array.TrueForAll(v => v is string);

    /// <summary>$boolean: the effective boolean value (https://docs.jsonata.org/boolean-functions#boolean); null for undefined.</summary>
    public static bool? Boolean(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonataArray array:
                if (array.Count == 1)
                {
                    return Boolean(array[0]);
                }

                foreach (var item in array)
                {
                    if (Boolean(item) == true)
                    {
                        return true;
                    }
                }

                return false;
            case string s:
                return s.Length > 0;
            case bool b:
                return b;
            case JsonataObject obj:
                return obj.Count > 0;
            default:
                return IsNumeric(value) && (double)value != 0;
        }
    }

    /// <summary>JavaScript truthiness, which the sort comparator's result is tested with.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null or JsonNull => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    /// <summary>$type: "null", "number", "string", "boolean", "array", "function" or "object".</summary>
    public static string? TypeOf(object? value) => value switch
    {
        null => null,
        JsonNull => "null",
        string => "string",
        bool => "boolean",
        JsonataArray => "array",
        JsonataFunction => "function",
        _ when IsNumeric(value) => "number",
        _ => "object",
    };

    /// <summary>JavaScript's === (used by the <c>in</c> operator).</summary>
    public static bool StrictEquals(object? a, object? b) => (a, b) switch
    {
        (double x, double y) => x == y,
        (string x, string y) => x == y,
        (bool x, bool y) => x == y,
        _ => ReferenceEquals(a, b),
    };

    /// <summary>Deep equality of the <c>=</c> operator: arrays item by item, objects key by key in any order.</summary>
    public static bool DeepEquals(object? a, object? b)
    {
        if (StrictEquals(a, b))
        {
            return true;
        }

        StackGuard.Ensure();
        switch (a, b)
        {
            case (JsonataArray x, JsonataArray y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!DeepEquals(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonataObject x, JsonataObject y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var (key, item) in x.Entries)
                {
                    if (!y.TryGetValue(key, out var other) || !DeepEquals(item, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>$append's rule: undefined is dropped, single values become arrays, the result is a new plain array.</summary>
    public static object? Append(object? first, object? second)
    {
        if (first is null)
        {
            return second;
        }

        if (second is null)
        {
            return first;
        }

        var result = new JsonataArray((first is JsonataArray a ? a.Count : 1) + (second is JsonataArray b ? b.Count : 1));
        AddAll(result, first);
        AddAll(result, second);
        return result;
    }

    private static void AddAll(JsonataArray target, object value)
    {
        if (value is JsonataArray array)
        {
            target.AddRange(array);
        }
        else
        {
            target.Add(value);
        }
    }

    /// <summary>The value of <paramref name="key"/> in an object, or in every object of an array (flattened); $lookup.</summary>
    public static object? Lookup(object? input, string key)
    {
        if (input is JsonataObject obj)
        {
            return obj.TryGetValue(key, out var value) ? value : null;
        }

        if (input is not JsonataArray array)
        {
            return null;
        }

        var result = JsonataArray.Sequence();
        foreach (var item in array)
        {
            var found = Lookup(item, key);
            if (found is JsonataArray values)
            {
                result.AddRange(values);
            }
            else if (found is not null)
            {
                result.Add(found);
            }
        }

        return result;
    }

    /// <summary>All items of nested arrays, depth first, into one new array.</summary>
    public static JsonataArray Flatten(object? value, JsonataArray? into = null)
    {
        into ??= [];
        if (value is JsonataArray array)
        {
            StackGuard.Ensure();
            foreach (var item in array)
            {
                Flatten(item, into);
            }
        }
        else
        {
            into.Add(value);
        }

        return into;
    }

    /// <summary>Code points of a string (JavaScript's for-of over a string): $length and $substring count these.</summary>
    public static int[] CodePointBoundaries(string text)
    {
        var boundaries = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            boundaries.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        boundaries.Add(text.Length);
        return [.. boundaries];
    }
}

using System.Collections.Frozen;
using BatchKit.Jsonata.Evaluation;

namespace BatchKit.Jsonata.Functions;

/// <summary>
/// The function library (https://docs.jsonata.org/string-functions and the pages after it), each with the
/// signature and parameter count of the reference implementation. Shared, read-only, by every evaluation.
/// </summary>
internal static class BuiltInFunctions
{
    private static readonly FrozenDictionary<string, NativeFunction> Functions = Create().ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static NativeFunction? Lookup(string name) => Functions.GetValueOrDefault(name);

    public static object? Arg(object?[] args, int index) => index < args.Length ? args[index] : null;

    private static IEnumerable<NativeFunction> Create() =>
    [
        new("sum", "<a<n>:n>", 1, AggregationFunctions.Sum),
        new("count", "<a:n>", 1, AggregationFunctions.Count),
        new("max", "<a<n>:n>", 1, AggregationFunctions.Max),
        new("min", "<a<n>:n>", 1, AggregationFunctions.Min),
        new("average", "<a<n>:n>", 1, AggregationFunctions.Average),
        new("string", "<x-b?:s>", 1, StringFunctions.String),
        new("substring", "<s-nn?:s>", 3, StringFunctions.Substring),
        new("substringBefore", "<s-s:s>", 2, StringFunctions.SubstringBefore),
        new("substringAfter", "<s-s:s>", 2, StringFunctions.SubstringAfter),
        new("lowercase", "<s-:s>", 1, StringFunctions.Lowercase),
        new("uppercase", "<s-:s>", 1, StringFunctions.Uppercase),
        new("length", "<s-:n>", 1, StringFunctions.Length),
        new("trim", "<s-:s>", 1, StringFunctions.Trim),
        new("pad", "<s-ns?:s>", 3, StringFunctions.Pad),
        new("match", "<s-f<s:o>n?:a<o>>", 3, RegexFunctions.Match),
        new("contains", "<s-(sf):b>", 2, RegexFunctions.Contains),
        new("replace", "<s-(sf)(sf)n?:s>", 4, RegexFunctions.Replace),
        new("split", "<s-(sf)n?:a<s>>", 3, RegexFunctions.Split),
        new("join", "<a<s>s?:s>", 2, StringFunctions.Join),
        new("formatNumber", "<n-so?:s>", 3, NumberFormatter.FormatNumber),
        new("formatBase", "<n-n?:s>", 2, NumericFunctions.FormatBase),
        new("formatInteger", "<n-s:s>", 2, IntegerFormatter.FormatInteger),
        new("parseInteger", "<s-s:n>", 2, IntegerFormatter.ParseInteger),
        new("number", "<(nsb)-:n>", 1, NumericFunctions.Number),
        new("floor", "<n-:n>", 1, NumericFunctions.Floor),
        new("ceil", "<n-:n>", 1, NumericFunctions.Ceil),
        new("round", "<n-n?:n>", 2, NumericFunctions.Round),
        new("abs", "<n-:n>", 1, NumericFunctions.Abs),
        new("sqrt", "<n-:n>", 1, NumericFunctions.Sqrt),
        new("power", "<n-n:n>", 2, NumericFunctions.Power),
        new("random", "<:n>", 0, NumericFunctions.Random),
        new("boolean", "<x-:b>", 1, BooleanFunctions.Boolean),
        new("not", "<x-:b>", 1, BooleanFunctions.Not),
        new("map", "<af>", 2, HigherOrderFunctions.Map),
        new("zip", "<a+>", 0, ArrayFunctions.Zip),
        new("filter", "<af>", 2, HigherOrderFunctions.Filter),
        new("single", "<af?>", 2, HigherOrderFunctions.Single),
        new("reduce", "<afj?:j>", 3, HigherOrderFunctions.Reduce),
        new("sift", "<o-f?:o>", 2, HigherOrderFunctions.Sift),
        new("keys", "<x-:a<s>>", 1, ObjectFunctions.Keys),
        new("lookup", "<x-s:x>", 2, ObjectFunctions.Lookup),
        new("append", "<xx:a>", 2, ArrayFunctions.Append),
        new("exists", "<x:b>", 1, BooleanFunctions.Exists),
        new("spread", "<x-:a<o>>", 1, ObjectFunctions.Spread),
        new("merge", "<a<o>:o>", 1, ObjectFunctions.Merge),
        new("reverse", "<a:a>", 1, ArrayFunctions.Reverse),
        new("each", "<o-f:a>", 2, HigherOrderFunctions.Each),
        new("error", "<s?:x>", 1, ObjectFunctions.Error),
        new("assert", "<bs?:x>", 2, ObjectFunctions.Assert),
        new("type", "<x:s>", 1, ObjectFunctions.Type),
        new("sort", "<af?:a>", 2, ArrayFunctions.Sort),
        new("shuffle", "<a:a>", 1, ArrayFunctions.Shuffle),
        new("distinct", "<x:x>", 1, ArrayFunctions.Distinct),
        new("base64encode", "<s-:s>", 1, EncodingFunctions.Base64Encode),
        new("base64decode", "<s-:s>", 1, EncodingFunctions.Base64Decode),
        new("encodeUrlComponent", "<s-:s>", 1, EncodingFunctions.EncodeUrlComponent),
        new("encodeUrl", "<s-:s>", 1, EncodingFunctions.EncodeUrl),
        new("decodeUrlComponent", "<s-:s>", 1, EncodingFunctions.DecodeUrlComponent),
        new("decodeUrl", "<s-:s>", 1, EncodingFunctions.DecodeUrl),
        new("eval", "<sx?:x>", 2, EvalFunction.Eval),
        new("toMillis", "<s-s?:n>", 2, DateTimeFunctions.ToMillis),
        new("fromMillis", "<n-s?s?:s>", 3, DateTimeFunctions.FromMillis),
        new("now", "<s?s?:s>", 2, DateTimeFunctions.Now),
        new("millis", "<:n>", 0, DateTimeFunctions.Millis),
        new("clone", "<(oa)-:o>", 1, ObjectFunctions.Clone),
    ];
}

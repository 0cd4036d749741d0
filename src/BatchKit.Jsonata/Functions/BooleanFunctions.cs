using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>$boolean, $not, $exists (https://docs.jsonata.org/boolean-functions).</summary>
internal static class BooleanFunctions
{
    public static object? Boolean(NativeCall call, object?[] args) => Value.Boolean(Arg(args, 0)) is { } b ? Value.Bool(b) : null;

    public static object? Not(NativeCall call, object?[] args) => Value.Boolean(Arg(args, 0)) is { } b ? Value.Bool(!b) : null;

    public static object? Exists(NativeCall call, object?[] args) => Value.Bool(Arg(args, 0) is not null);
}

using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Tests;

/// <summary>
/// No expression and no value can overflow the stack: the parser refuses nesting deeper than its limit (S0218),
/// and evaluation stops with a JSONata error (U1001 under limits, D1011 when the thread's stack runs short).
/// </summary>
public sealed class DepthGuardTests
{
    [Theory]
    [InlineData("(", "1", ")")]
    [InlineData("[", "1", "]")]
    [InlineData("{'a':", "1", "}")]
    [InlineData("-", "1", "")]
    [InlineData("$f(", "1", ")")]
    [InlineData("a[", "1", "]")]
    [InlineData("true ? ", "1", " : 2")]
    [InlineData("function($x){", "1", "}")]
    public void Deep_nesting_is_a_syntax_error_not_a_crash(string open, string middle, string close)
    {
        var text = new StringBuilder().Insert(0, open, 100_000).Append(middle).Insert(0, "", 0).ToString() + Repeat(close, 100_000);

        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Compile(text));

        Assert.Equal("S0218", e.Code);
        Assert.Contains("nested more than 1000 levels", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" + 1")]
    [InlineData(" & 'a'")]
    [InlineData(".a")]
    [InlineData(" ~> $string()")]
    [InlineData(" and true")]
    public void A_long_left_nested_chain_is_a_syntax_error_not_a_crash(string link)
    {
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Compile("1" + Repeat(link, 100_000)));

        Assert.Equal("S0218", e.Code);
    }

    [Fact]
    public void Nesting_within_the_limit_compiles_and_evaluates()
    {
        var text = Repeat("(", 400) + "1" + Repeat(")", 400) + Repeat(" + 1", 400);

        Assert.Equal(401.0, JsonataExpression.Compile(text).Evaluate(null).Value!.GetValue<double>());
    }

    [Fact]
    public void Runaway_recursion_without_limits_is_a_D1011_error_not_a_crash()
    {
        var expression = JsonataExpression.Compile("($f := function($n){ 1 + $f($n + 1) }; $f(0))");

        // on a thread with a small stack, where an unguarded evaluator would take the process down
        var error = OnSmallStack(256 * 1024, () => expression.Evaluate(null));

        Assert.Equal("D1011", error?.Code);
    }

    [Fact]
    public void A_depth_limit_stops_deep_recursion_with_U1001()
    {
        var expression = JsonataExpression.Compile("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000))");

        var e = Assert.Throws<JsonataException>(() => expression.Evaluate(null, limits: new JsonataLimits { MaxDepth = 200 }));

        Assert.Equal("U1001", e.Code);
        Assert.Equal(1000.0, expression.Evaluate(null, limits: new JsonataLimits { MaxDepth = 5000 }).Value!.GetValue<double>());
    }

    [Fact]
    public void A_time_limit_stops_an_endless_tail_recursion_with_U1001()
    {
        var expression = JsonataExpression.Compile("($loop := function($n){ $loop($n + 1) }; $loop(0))");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var e = Assert.Throws<JsonataException>(() => expression.Evaluate(null, limits: new JsonataLimits { TimeLimit = TimeSpan.FromMilliseconds(200) }));

        Assert.Equal("U1001", e.Code);
        Assert.Contains("timeout", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_tail_recursive_loop_runs_in_constant_stack()
    {
        var expression = JsonataExpression.Compile("($sum := function($n, $acc){ $n = 0 ? $acc : $sum($n - 1, $acc + $n) }; $sum(100000, 0))");

        Assert.Equal(5000050000.0, expression.Evaluate(null).Value!.GetValue<double>());
    }

    [Fact]
    public void A_deeply_nested_value_built_by_an_expression_is_an_error_when_printed_not_a_crash()
    {
        var expression = JsonataExpression.Compile(
            "($wrap := function($n, $acc){ $n = 0 ? $acc : $wrap($n - 1, {'a': $acc}) }; $string($wrap(20000, 1)))");

        var error = OnSmallStack(512 * 1024, () => expression.Evaluate(null));

        Assert.Equal("D1011", error?.Code);
    }

    [Fact]
    public void A_deeply_nested_input_is_an_error_not_a_crash()
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < 20_000; i++)
        {
            node = new JsonArray(node);
        }

        var error = OnSmallStack(512 * 1024, () => JsonataExpression.Compile("$count($)").Evaluate(node));

        Assert.Equal("D1011", error?.Code);
    }

    /// <summary>Runs <paramref name="action"/> on a thread with a small stack; the JSONata error it raised, if any.</summary>
    private static JsonataException? OnSmallStack(int stackSize, Action action)
    {
        JsonataException? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (JsonataException e)
                {
                    error = e;
                }
            },
            stackSize);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "the evaluation did not end within 60 s");
        return error;
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}

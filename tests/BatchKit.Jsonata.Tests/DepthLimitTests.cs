namespace BatchKit.Jsonata.Tests;

/// <summary>
/// A depth limit cuts off exactly where the reference suite's runner cuts off jsonata-js 2.2.2: each number below is
/// the smallest `depth` with which that runner (test/run-test-suite.js, timeboxExpression) let the expression finish,
/// measured on jsonata-js. The runner does not count evaluations the reference makes "in parallel" (the items of
/// array and object constructors after the first), and these cases show it.
/// </summary>
public sealed class DepthLimitTests
{
    [Theory]
    [InlineData("($factorial := function($n){$n = 0 ? 1 : $n * $factorial($n - 1)}; $factorial(99))", 302)]
    [InlineData("($f := function($n){$n <= 1 ? $n : $f($n-1) + $f($n-2)}; $f(10))", 32)]
    [InlineData("($iter := function($n, $acc){ $n = 0 ? $acc : $iter($n - 1, $n * $acc) }; $iter(150, 1))", 5)]
    [InlineData("[1,2,3].($ * 2)", 3)]
    [InlineData("[1..10].{'a': $, 'b': $string($)}", 12)]
    [InlineData("($f := function($n){ $n = 0 ? [] : [$n, $f($n - 1)] }; $f(20))", 65)]
    [InlineData("($f := function($x, $acc){ $x = 0 ? $acc : $f($x - 1, $append($acc, [$x, $x])) }; $count($f(100, [])))", 306)]
    [InlineData("($f := function($n){ $n = 0 ? [] : $append([$n, $n + 1], $f($n - 1)) }; $count($f(30)))", 66)]
    [InlineData("($f := function($n){ $n = 0 ? {} : $merge([{'a': $n}, $f($n - 1)]) }; $f(30))", 35)]
    [InlineData("($sum := function($l){ $l ? $l[0] + $sum($l[[1..10]]) : 0 }; $sum([1,2,3,4,5]))", 6)]
    public void A_depth_limit_cuts_off_where_the_reference_runner_does(string text, int smallestDepth)
    {
        var expression = JsonataExpression.Compile(text);

        var result = expression.Evaluate(JsonataResult.Undefined, limits: new JsonataLimits { MaxDepth = smallestDepth });
        var e = Assert.Throws<JsonataException>(() => expression.Evaluate(JsonataResult.Undefined, limits: new JsonataLimits { MaxDepth = smallestDepth - 1 }));

        Assert.False(result.IsUndefined);
        Assert.Equal("U1001", e.Code);
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Tests;

/// <summary>One compiled expression is evaluated from many threads at once and every result is right.</summary>
public sealed class ThreadSafetyTests
{
    private const string Expression = """
        (
          $total := function($o){ $sum($o.items.(price * qty)) };
          $tagged := orders#$i[$i % 2 = 0] ~> | items | {'tag': $uppercase(sku)} |;
          {
            'totals': orders{id: $round($total($), 2)},
            'sorted': orders^(>$total($)).id,
            'skus': $join(orders.items.sku ~> $distinct() ~> $sort(), ','),
            'tagged': $tagged.items.tag,
            'matched': $count(orders.items[$contains(sku, /^a/i)]),
            'customer': customer & ' #' & $string(n)
          }
        )
        """;

    [Fact]
    public void One_compiled_expression_gives_the_right_result_on_every_thread()
    {
        var expression = JsonataExpression.Compile(Expression);
        var inputs = Enumerable.Range(0, 16).Select(Input).ToArray();
        var expected = inputs.Select(i => expression.Evaluate(i.DeepClone()).ToJsonString()).ToArray();
        Assert.Equal(16, expected.Distinct().Count()); // each input has its own answer, so a mix-up would show

        var wrong = new ConcurrentBag<string>();
        Parallel.For(0, 1600, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var k = n % inputs.Length;
            var actual = expression.Evaluate(inputs[k].DeepClone()).ToJsonString();
            if (actual != expected[k])
            {
                wrong.Add($"input {k}: {actual}");
            }
        });

        Assert.Empty(wrong);
    }

    [Fact]
    public void Shared_bindings_are_read_safely_from_many_threads()
    {
        var bindings = new JsonataBindings()
            .Bind("rates", JsonNode.Parse("""{"a": 0.5, "b": 2}"""))
            .RegisterFunction("scale", "<nn:n>", args => JsonataResult.From(args[0].Value!.GetValue<double>() * args[1].Value!.GetValue<double>()));
        var expression = JsonataExpression.Compile("$scale(n, $lookup($rates, k))");

        var wrong = new ConcurrentBag<string>();
        Parallel.For(0, 1600, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var key = n % 2 == 0 ? "a" : "b";
            var result = expression.Evaluate(new JsonObject { ["n"] = n, ["k"] = key }, bindings).Value!.GetValue<double>();
            if (result != n * (key == "a" ? 0.5 : 2))
            {
                wrong.Add($"{n}: {result}");
            }
        });

        Assert.Empty(wrong);
    }

    private static JsonNode Input(int k) => new JsonObject
    {
        ["customer"] = $"customer-{k}",
        ["n"] = k,
        ["orders"] = new JsonArray(Enumerable.Range(0, 3 + (k % 4)).Select(o => (JsonNode)new JsonObject
        {
            ["id"] = $"o{k}-{o}",
            ["items"] = new JsonArray(Enumerable.Range(0, 1 + ((k + o) % 3)).Select(i => (JsonNode)new JsonObject
            {
                ["sku"] = (char)('a' + ((k + o + i) % 5)) + $"sku{i}",
                ["price"] = 1.25 * (k + o + i + 1),
                ["qty"] = 1 + ((k * o) % 4),
            }).ToArray()),
        }).ToArray()),
    };
}

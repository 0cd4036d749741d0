using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.DynamoDb.Expressions;

namespace BatchKit.Emulator.Tests;

/// <summary>The DynamoDB expression languages as pure logic: parse, evaluate, apply an update.</summary>
public sealed class DynamoDbExpressionTests
{
    private static readonly JsonObject Item = JsonNode.Parse("""
        {"pk":{"S":"a"},"qty":{"N":"5"},"tags":{"SS":["x","y"]},"doc":{"M":{"entries":{"L":[{"S":"first"},{"N":"2"}]}}},"flag":{"BOOL":false}}
        """)!.AsObject();

    [Theory]
    [InlineData("qty > :three AND NOT flag = :true", true)]
    [InlineData("qty < :three OR flag = :false AND qty = :five", true)] // AND binds tighter than OR
    [InlineData("(qty < :three OR flag = :false) AND qty = :three", false)]
    [InlineData("qty IN (:three, :five)", true)]
    [InlineData("contains(tags, :xs) AND size(tags) = :two", true)]
    [InlineData("doc.entries[0] = :first AND attribute_type(doc.entries[1], :n)", true)]
    [InlineData("begins_with(doc.entries[0], :fi) AND attribute_not_exists(doc.absent)", true)]
    [InlineData("absent <> :three", true)] // <> is true where the attribute is missing
    [InlineData("absent < :three", false)]
    public void Conditions_evaluate_as_DynamoDB_does(string expression, bool expected)
    {
        var attributes = Attributes(expression);
        Assert.Equal(expected, ExpressionEvaluator.Evaluate(ExpressionParser.ParseCondition(expression, "ConditionExpression", attributes), Item));
    }

    [Fact]
    public void An_update_reads_every_operand_from_the_item_before_it()
    {
        var attributes = Attributes("SET qty = qty + :two, was = qty REMOVE doc.entries[0] DELETE tags :x");
        var actions = ExpressionParser.ParseUpdate("SET qty = qty + :two, was = qty REMOVE doc.entries[0] DELETE tags :x", attributes);
        var updated = UpdateApplier.Apply(Item, actions, ["pk"]);
        Assert.Equal("7", updated["qty"]!["N"]!.GetValue<string>());
        Assert.Equal("5", updated["was"]!["N"]!.GetValue<string>());
        Assert.Equal("2", updated["doc"]!["M"]!["entries"]!["L"]![0]!["N"]!.GetValue<string>());
        Assert.Equal(["y"], updated["tags"]!["SS"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("5", Item["qty"]!["N"]!.GetValue<string>()); // the stored item is untouched
    }

    [Theory]
    [InlineData("SET a = :one SET b = :two", "can only be used once")]
    [InlineData("SET doc.entries = :one REMOVE doc", "Two document paths overlap")]
    [InlineData("SET a = :one,", "Syntax error")]
    [InlineData("SET a = nosuch(:one)", "Invalid function name")]
    public void Malformed_updates_are_refused_with_the_reason(string expression, string reason)
    {
        var error = Assert.Throws<ServiceErrorException>(() => ExpressionParser.ParseUpdate(expression, Attributes(expression)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_projection_keeps_nested_paths_inside_their_containers()
    {
        var projected = Projection.Apply(Item, ExpressionParser.ParseProjection("doc.entries[1], qty", Attributes("")));
        Assert.Equal("""{"doc":{"M":{"entries":{"L":[{"N":"2"}]}}},"qty":{"N":"5"}}""", projected.ToJsonString());
    }

    /// <summary>Values for the placeholders the expression uses.</summary>
    private static ExpressionAttributes Attributes(string expression)
    {
        var known = new Dictionary<string, string>
        {
            [":one"] = """{"N":"1"}""", [":two"] = """{"N":"2"}""", [":three"] = """{"N":"3"}""", [":five"] = """{"N":"5"}""", [":true"] = """{"BOOL":true}""",
            [":false"] = """{"BOOL":false}""", [":x"] = """{"SS":["x"]}""", [":xs"] = """{"S":"x"}""", [":first"] = """{"S":"first"}""",
                [":n"] = """{"S":"N"}""", [":fi"] = """{"S":"fi"}""",
        };
        var values = new JsonObject();
        foreach (var (name, json) in known.Where(k => System.Text.RegularExpressions.Regex.IsMatch(expression, k.Key + @"\b")))
        {
            values[name] = JsonNode.Parse(json);
        }

        return new ExpressionAttributes(new JsonObject { ["ExpressionAttributeValues"] = values });
    }
}

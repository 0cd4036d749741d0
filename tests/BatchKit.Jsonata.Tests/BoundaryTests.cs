using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Tests;

/// <summary>The System.Text.Json boundary: undefined is not null, numbers are doubles printed as JavaScript prints them.</summary>
public sealed class BoundaryTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""{"a": null, "n": 5, "list": [1, 2.5, 3]}""")!;

    [Fact]
    public void A_missing_field_is_undefined_and_a_null_field_is_null()
    {
        var missing = JsonataExpression.Compile("b").Evaluate(Document);
        var nullField = JsonataExpression.Compile("a").Evaluate(Document);

        Assert.True(missing.IsUndefined);
        Assert.Null(missing.ToJsonString());
        Assert.False(nullField.IsUndefined);
        Assert.Null(nullField.Value);
        Assert.Equal("null", nullField.ToJsonString());
        Assert.NotEqual(missing, nullField);
    }

    [Fact]
    public void No_input_is_undefined_and_null_input_is_null()
    {
        var exists = JsonataExpression.Compile("[$exists($), $type($)]");

        Assert.Equal("[false]", exists.Evaluate(JsonataResult.Undefined).ToJsonString());
        Assert.Equal("""[true,"null"]""", exists.Evaluate((JsonNode?)null).ToJsonString());
    }

    [Theory]
    [InlineData("1 + 1", "2")]
    [InlineData("0.1 + 0.2", "0.30000000000000004")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e15", "1000000000000000")]
    [InlineData("1.5e-7", "1.5e-7")]
    [InlineData("0.00001", "0.00001")]
    [InlineData("1 / 3", "0.3333333333333333")]
    [InlineData("-0", "0")]
    [InlineData("2 * 4.5e300", "9e+300")]
    public void Numbers_print_as_JavaScript_prints_them_through_the_node_too(string expression, string json)
    {
        var result = JsonataExpression.Compile(expression).Evaluate(null);

        Assert.Equal(json, result.ToJsonString());
        Assert.Equal(json, result.Value!.ToJsonString());
        Assert.Equal(double.Parse(json, System.Globalization.CultureInfo.InvariantCulture), result.Value!.GetValue<double>());
    }

    [Fact]
    public void Integer_and_decimal_nodes_are_numbers_inside()
    {
        var input = new JsonObject { ["int"] = 41, ["long"] = 9007199254740993L, ["decimal"] = 1.25m, ["double"] = 0.5 };

        var result = JsonataExpression.Compile("[int + 1, long, decimal * 2, double, $type(int)]").Evaluate(input);

        Assert.Equal("""[42,9007199254740992,2.5,0.5,"number"]""", result.ToJsonString());
    }

    [Fact]
    public void Parsed_JSON_reads_as_JSON_parse_reads_it()
    {
        var input = JsonataResult.Parse("""{"a": 1, "a": 2, "big": 1e400, "n": 12345678901234567890}""");

        Assert.Equal("""{"a":2,"big":null,"n":12345678901234567000}""", input.ToJsonString());
        Assert.Equal("[2,12345678901234567000]", JsonataExpression.Compile("[a, n]").Evaluate(input).ToJsonString());
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonataResult.Parse("{bad"));
    }

    [Fact]
    public void A_function_result_is_undefined_and_functions_inside_values_are_left_out()
    {
        Assert.True(JsonataExpression.Compile("function($x){$x}").Evaluate(null).IsUndefined);
        Assert.Equal("""{"a":1}""", JsonataExpression.Compile("{'a': 1, 'f': $sum}").Evaluate(null).ToJsonString());
        Assert.Equal("[1,null]", JsonataExpression.Compile("[1, $sum]").Evaluate(null).Value!.ToJsonString());
    }

    [Fact]
    public void A_single_item_sequence_is_the_item_and_keep_array_keeps_it()
    {
        Assert.Equal("2.5", JsonataExpression.Compile("list[1]").Evaluate(Document).ToJsonString());
        Assert.Equal("[2.5]", JsonataExpression.Compile("list[1][]").Evaluate(Document).ToJsonString());
    }

    [Fact]
    public void Host_functions_get_validated_arguments_and_may_return_undefined()
    {
        var bindings = new JsonataBindings()
            .Bind("$rate", JsonValue.Create(0.25))
            .RegisterFunction("half", "<n-:n>", args => JsonataResult.From(args[0].Value!.GetValue<double>() / 2))
            .RegisterFunction("nothing", "<x?:x>", _ => JsonataResult.Undefined)
            .RegisterFunction("isUndefined", "<x?:b>", args => JsonataResult.From(args[0].IsUndefined));

        Assert.Equal("[2.5,2.5,0.25]", JsonataExpression.Compile("[$half(n), n.$half(), $rate]").Evaluate(Document, bindings).ToJsonString());
        Assert.True(JsonataExpression.Compile("$nothing()").Evaluate(Document, bindings).IsUndefined);
        Assert.Equal("[true,false]", JsonataExpression.Compile("[$isUndefined(missing), $isUndefined(a)]").Evaluate(Document, bindings).ToJsonString());
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Compile("$half('x')").Evaluate(Document, bindings));
        Assert.Equal("T0410", e.Code);
        Assert.Equal("half", e.Token);
    }

    [Fact]
    public void A_bad_signature_is_refused_when_the_function_is_registered()
    {
        var e = Assert.Throws<JsonataException>(() => new JsonataBindings().RegisterFunction("f", "<n<n>:n>", _ => JsonataResult.Undefined));

        Assert.Equal("S0401", e.Code);
    }

    [Fact]
    public void Errors_carry_code_position_token_and_the_reference_message()
    {
        var syntax = Assert.Throws<JsonataException>(() => JsonataExpression.Compile("Account.Order[0"));
        var type = Assert.Throws<JsonataException>(() => JsonataExpression.Compile("n + 'x'").Evaluate(Document));

        Assert.Equal("S0203", syntax.Code);
        Assert.Equal("Expected \"]\" before end of expression", syntax.Message);
        Assert.Equal(15, syntax.Position);
        Assert.Equal("T2002", type.Code);
        Assert.Equal("+", type.Token);
        Assert.Equal(3, type.Position); // the reference reports the offset just past the token
        Assert.Equal("T2002: The right side of the \"+\" operator must evaluate to a number", type.ToString());
    }
}

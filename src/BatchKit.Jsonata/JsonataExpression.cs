using System.Text.Json.Nodes;
using BatchKit.Jsonata.Ast;
using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Parsing;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata;

/// <summary>
/// A compiled JSONata expression (https://docs.jsonata.org). Compile once, evaluate many times: the compiled form is
/// immutable, so one instance may be evaluated from many threads at once.
/// </summary>
public sealed class JsonataExpression
{
    private readonly ExpressionNode _root;

    private JsonataExpression(string text, ExpressionNode root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression's source text.</summary>
    public string Text { get; }

    /// <summary>Parses and compiles <paramref name="text"/>; a syntax error is a <see cref="JsonataException"/> (S0xxx).</summary>
    public static JsonataExpression Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonataExpression(text, AstBuilder.Build(Parser.Parse(text)));
    }

    /// <summary>Evaluates against a JSON input (C# null is JSON null); errors are <see cref="JsonataException"/>s.</summary>
    public JsonataResult Evaluate(JsonNode? input, JsonataBindings? bindings = null, JsonataLimits? limits = null) =>
        JsonataResult.FromInternal(EvaluateValue(JsonNodeConverter.ToValue(input), bindings, limits));

    /// <summary>Evaluates against an input that may be undefined (no input document at all).</summary>
    public JsonataResult Evaluate(JsonataResult input, JsonataBindings? bindings = null, JsonataLimits? limits = null) =>
        JsonataResult.FromInternal(EvaluateValue(input.Internal, bindings, limits));

    /// <summary>Evaluates over the evaluator's own values (no conversion): the benchmark and the CLI use this.</summary>
    internal object? EvaluateValue(object? input, JsonataBindings? bindings, JsonataLimits? limits)
    {
        var context = new EvaluationContext(limits, DateTimeOffset.UtcNow);
        var frame = new Frame(context, bindings?.Values);
        frame.Bind("$", input);
        if (input is JsonataArray { IsSequence: false } array)
        {
            // an input array is one context item, not a sequence of them
            input = new JsonataArray { array }.AsOuterWrapper();
        }

        return _root.Evaluate(input, frame);
    }

    public override string ToString() => Text;
}

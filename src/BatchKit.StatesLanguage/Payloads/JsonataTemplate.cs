using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Jsonata;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Payloads;

/// <summary>
/// The value of a JSONata state's field (Arguments, Output, Assign, Items, ItemSelector, Condition, ...): any JSON,
/// where a string <c>"{% expression %}"</c>, whole or nested in objects and arrays, is a JSONata expression. Parsed
/// once with the definition; every evaluation reports its failures as States.QueryEvaluationError with AWS's wording
/// and the field's location (<c>Output/result</c>).
/// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
/// </summary>
internal abstract partial class JsonataTemplate
{
    /// <summary>True when no part of the value is an expression.</summary>
    public virtual bool IsConstant => false;

    /// <summary>The expression's text when the whole value is one expression (failures quote it), else null.</summary>
    public virtual string? ExpressionText => null;

    public static bool IsExpression(string text) =>
        text.Length >= 4 && text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal);

    /// <summary>Compiles <paramref name="value"/>; each expression that does not parse is reported to <paramref name="error"/>.</summary>
    public static JsonataTemplate Compile(JsonNode? value, string at, Action<string, string> error) => value switch
    {
        JsonObject o => ObjectTemplate.Compile(o, at, error),
        JsonArray a => ArrayTemplate.Compile(a, at, error),
        JsonValue v when JsonText.IsString(v, out var text) && IsExpression(text) => ExpressionTemplate.Compile(text, at, error),
        _ => new LiteralTemplate(value?.DeepClone()),
    };

    /// <summary>Evaluates; <paramref name="field"/> names the location in failures, e.g. <c>Arguments/FunctionName</c>.</summary>
    public abstract JsonNode? Evaluate(JsonataScope scope, string field);

    /// <summary>The variables the template reads (names without <c>$</c>), for the definition's variable references.</summary>
    public abstract IEnumerable<string> References { get; }

    public static FailureException QueryError(string cause, string? field) =>
        new(ErrorNames.QueryEvaluationError, cause, field);

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex VariableReference();

    private sealed class LiteralTemplate(JsonNode? value) : JsonataTemplate
    {
        public override bool IsConstant => true;

        public override IEnumerable<string> References => [];

        public override JsonNode? Evaluate(JsonataScope scope, string field) => JsonText.Clone(value);
    }

    private sealed class ExpressionTemplate(string text, JsonataExpression expression, string[] references) : JsonataTemplate
    {
        private readonly bool _readsContext = JsonataScope.ReadsContext(text);

        /// <summary>
        /// Asks the type of the value when the expression came back undefined: jsonata-js and AWS tell a function (an
        /// unsupported result) from nothing at all, which the library's boundary folds into one undefined.
        /// </summary>
        private readonly Lazy<JsonataExpression> _typeProbe = new(() => JsonataExpression.Compile($"$type(({text}))"));

        public override string? ExpressionText => text;

        public override IEnumerable<string> References => references.Where(r => r != "states");

        public static JsonataTemplate Compile(string field, string at, Action<string, string> error)
        {
            var text = field[2..^2].Trim();
            try
            {
                var references = VariableReference().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();
                return new ExpressionTemplate(text, JsonataExpression.Compile(text), references);
            }
            catch (JsonataException e)
            {
                error(at, $"The JSONata expression '{text}' is not valid: {e.Code}: {e.Message}");
                return new LiteralTemplate(null);
            }
        }

        public override JsonNode? Evaluate(JsonataScope scope, string field)
        {
            JsonataResult result;
            try
            {
                result = expression.Evaluate(JsonataResult.Undefined, scope.Bindings(_readsContext, references));
            }
            catch (JsonataException e)
            {
                throw QueryError($"The JSONata expression '{text}' specified for the field '{field}' threw an error during evaluation. {e}", field);
            }

            if (result.IsUndefined)
            {
                var problem = IsFunction(scope) ? "returned an unsupported result type." : "returned nothing (undefined).";
                throw QueryError($"The JSONata expression '{text}' specified for the field '{field}' {problem}", field);
            }

            return result.Value;
        }

        private bool IsFunction(JsonataScope scope)
        {
            try
            {
                var type = _typeProbe.Value.Evaluate(JsonataResult.Undefined, scope.Bindings(_readsContext, references));
                return type.Value?.GetValue<string>() == "function";
            }
            catch (JsonataException)
            {
                return false;
            }
        }
    }

    private sealed class ObjectTemplate(KeyValuePair<string, JsonataTemplate>[] members) : JsonataTemplate
    {
        public override IEnumerable<string> References => members.SelectMany(m => m.Value.References);

        public static JsonataTemplate Compile(JsonObject node, string at, Action<string, string> error)
        {
            var members = node.Select(p => KeyValuePair.Create(p.Key, JsonataTemplate.Compile(p.Value, $"{at}/{p.Key}", error))).ToArray();
            return members.All(m => m.Value.IsConstant)
                ? new LiteralTemplate(node.DeepClone())
                : new ObjectTemplate(members);
        }

        public override JsonNode? Evaluate(JsonataScope scope, string field)
        {
            var result = new JsonObject();
            foreach (var (key, value) in members)
            {
                result[key] = value.Evaluate(scope, $"{field}/{key}");
            }

            return result;
        }
    }

    private sealed class ArrayTemplate(JsonataTemplate[] items) : JsonataTemplate
    {
        public override IEnumerable<string> References => items.SelectMany(i => i.References);

        public static JsonataTemplate Compile(JsonArray node, string at, Action<string, string> error)
        {
            var items = node.Select((item, i) => JsonataTemplate.Compile(item, $"{at}/{i}", error)).ToArray();
            return items.All(i => i.IsConstant) ? new LiteralTemplate(node.DeepClone()) : new ArrayTemplate(items);
        }

        public override JsonNode? Evaluate(JsonataScope scope, string field) =>
            new JsonArray(items.Select((item, i) => item.Evaluate(scope, $"{field}/{i}")).ToArray());
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Payloads;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// A Choice rule: boolean combinators or one comparison of <c>Variable</c> against a literal or another path.
/// Comparing values of different types is false, as AWS does.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
/// </summary>
internal abstract record ChoiceRule
{
    public abstract bool Evaluate(StateScope scope);

    public sealed record Not(ChoiceRule Rule) : ChoiceRule
    {
        public override bool Evaluate(StateScope scope) => !Rule.Evaluate(scope);
    }

    public sealed record And(IReadOnlyList<ChoiceRule> Rules) : ChoiceRule
    {
        public override bool Evaluate(StateScope scope) => Rules.All(r => r.Evaluate(scope));
    }

    public sealed record Or(IReadOnlyList<ChoiceRule> Rules) : ChoiceRule
    {
        public override bool Evaluate(StateScope scope) => Rules.Any(r => r.Evaluate(scope));
    }

    /// <summary>JSONata: a boolean, literal or from an expression over <c>$states.input</c>.</summary>
    public sealed record Condition(Payloads.JsonataTemplate Template) : ChoiceRule
    {
        public override bool Evaluate(StateScope scope)
        {
            var value = Template.Evaluate(new JsonataScope(scope.Frame, scope.Input), "Condition");
            return JsonText.Kind(value) switch
            {
                System.Text.Json.JsonValueKind.True => true,
                System.Text.Json.JsonValueKind.False => false,
                _ => throw Payloads.JsonataTypes.Unexpected(Template, "Condition", "boolean", value),
            };
        }
    }

    /// <param name="Operator">The comparison's name without a "Path" suffix, e.g. <c>NumericEquals</c>.</param>
    /// <param name="Operand">The literal, or the path (a string) when <paramref name="OperandIsPath"/>.</param>
    public sealed record Comparison(string Variable, string Operator, JsonNode? Operand, bool OperandIsPath) : ChoiceRule
    {
        public override bool Evaluate(StateScope scope)
        {
            var present = JsonPath.TrySelect(Variable, scope, out var value);
            switch (Operator)
            {
                case "IsPresent":
                    return present == Flag(Operand);
                case "IsNull":
                    return present && (value is null) == Flag(Operand);
                case "IsNumeric":
                    return present && JsonText.IsNumber(value) == Flag(Operand);
                case "IsString":
                    return present && JsonText.IsString(value, out _) == Flag(Operand);
                case "IsBoolean":
                    return present && (JsonText.Kind(value) is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False) == Flag(Operand);
                case "IsTimestamp":
                    return present && (JsonText.IsString(value, out var t) && TryTimestamp(t, out _)) == Flag(Operand);
            }

            if (!present)
            {
                // A missing Variable is a runtime error in AWS, not a false comparison.
                throw new Errors.FailureException(Errors.ErrorNames.Runtime,
                    $"Invalid path '{Variable}': The choice state's condition path references an invalid value.");
            }

            var operand = Operand;
            if (OperandIsPath && (!JsonText.IsString(Operand, out var operandPath) || !JsonPath.TrySelect(operandPath, scope, out operand)))
            {
                throw new Errors.FailureException(Errors.ErrorNames.Runtime,
                    $"Invalid path '{Operand}': The choice state's condition path references an invalid value.");
            }

            return Compare(value, operand);
        }

        private bool Compare(JsonNode? value, JsonNode? operand)
        {
            var family = Operator[..Operator.IndexOfAny(['E', 'L', 'G', 'M'], 1)];
            var relation = Operator[family.Length..];
            if (relation == "Matches")
            {
                return JsonText.IsString(value, out var text) && JsonText.IsString(operand, out var pattern) && Wildcard(pattern).IsMatch(text);
            }

            int? order = family switch
            {
                "String" when JsonText.IsString(value, out var a) && JsonText.IsString(operand, out var b) => Math.Sign(string.CompareOrdinal(a, b)),
                "Numeric" when JsonText.IsNumber(value) && JsonText.IsNumber(operand) => JsonText.ToDouble(value!).CompareTo(JsonText.ToDouble(operand!)),
                "Boolean" when IsBoolean(value) && IsBoolean(operand) => value!.GetValue<bool>() == operand!.GetValue<bool>() ? 0 : 1,
                "Timestamp" when JsonText.IsString(value, out var a) && JsonText.IsString(operand, out var b)
                    && TryTimestamp(a, out var ta) && TryTimestamp(b, out var tb) => ta.CompareTo(tb),
                _ => null,
            };
            if (order is not { } o)
            {
                return false;
            }

            return relation switch
            {
                "Equals" => o == 0,
                "LessThan" => o < 0,
                "LessThanEquals" => o <= 0,
                "GreaterThan" => o > 0,
                "GreaterThanEquals" => o >= 0,
                _ => false,
            };
        }

        private static bool IsBoolean(JsonNode? node) => JsonText.Kind(node) is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False;

        private static bool Flag(JsonNode? operand) => JsonText.Kind(operand) == System.Text.Json.JsonValueKind.True;

        /// <summary>StringMatches: only <c>*</c> is special; <c>\*</c> and <c>\\</c> are literal.</summary>
        private static Regex Wildcard(string pattern)
        {
            var sb = new System.Text.StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '\\' && i + 1 < pattern.Length)
                {
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                }
                else if (pattern[i] == '*')
                {
                    sb.Append(".*");
                }
                else
                {
                    sb.Append(Regex.Escape(pattern[i].ToString()));
                }
            }

            return new Regex(sb.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// RFC 3339 timestamps, as Step Functions accepts them ("2016-03-14T01:59:00Z", with an offset, or a fraction of up to
    /// nanoseconds: "2016-03-14T01:59:00.123456789Z"; .NET keeps seven digits, so the rest is dropped).
    /// </summary>
    public static bool TryTimestamp(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            TrimFraction(text), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal,
            out value)
        && (text.EndsWith('Z') || text.Length > 19 && (text[^6] is '+' or '-'));

    private static string TrimFraction(string text)
    {
        const int FractionStart = 20;
        if (text.Length <= FractionStart || text[FractionStart - 1] != '.')
        {
            return text;
        }

        var end = FractionStart;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - FractionStart > 7 ? text[..(FractionStart + 7)] + text[end..] : text;
    }
}

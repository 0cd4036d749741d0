using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Definition;

/// <summary>Reading Choice states and their rules. https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html</summary>
internal sealed partial class DefinitionReader
{
    private static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal)
    {
        "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
        "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
        "BooleanEquals",
        "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
    };

    private static readonly HashSet<string> TypeTests = new(StringComparer.Ordinal)
    {
        "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp",
    };

    private ChoiceState Choice(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Choice", Jsonata
            ? ["Choices", "Default", "Output", "Assign"]
            : ["InputPath", "OutputPath", "Choices", "Default", "Assign"], transition: false);
        var branches = new List<ChoiceBranch>();
        if (node["Choices"] is not JsonArray choices || choices.Count == 0)
        {
            Error(Schema, "The field 'Choices' is required and must be a non-empty array", $"{at}/Choices");
            return new ChoiceState(fields, branches, OptionalString(node, "Default", at));
        }

        for (var i = 0; i < choices.Count; i++)
        {
            var location = $"{at}/Choices/{i}";
            if (choices[i] is not JsonObject choice)
            {
                Error(Schema, "A choice rule must be an object", location);
            }
            else if (Branch(choice, location) is { } branch)
            {
                branches.Add(branch);
            }
        }

        return new ChoiceState(fields, branches, OptionalString(node, "Default", at));
    }

    /// <summary>One rule with its Next and Assign: JSONPath comparisons, or a JSONata Condition (with its own Output).</summary>
    private ChoiceBranch? Branch(JsonObject choice, string at)
    {
        var next = RequiredString(choice, "Next", at);
        CheckVariableNames(choice, at);
        if (Jsonata)
        {
            CheckFields(choice, at, ["Condition", "Next", "Assign", "Output", "Comment"]);
            if (!choice.ContainsKey("Condition"))
            {
                Error(Schema, "The field 'Condition' is required", at);
            }

            var condition = JsonataField(choice, "Condition", at);
            return condition is null || next is null ? null : new ChoiceBranch(new ChoiceRule.Condition(condition), next, null)
            {
                Output = JsonataField(choice, "Output", at),
                JsonataAssign = JsonataField(choice, "Assign", at, objectOnly: true),
            };
        }

        var rule = Rule(choice, at, topLevel: true);
        return rule is null || next is null ? null : new ChoiceBranch(rule, next, Template(choice, "Assign", at, objectOnly: true) as JsonObject);
    }

    private ChoiceRule? Rule(JsonObject node, string at, bool topLevel)
    {
        var extra = topLevel ? new[] { "Next", "Assign", "Comment" } : ["Comment"];
        if (node["Not"] is JsonObject not)
        {
            CheckFields(node, at, ["Not", .. extra]);
            return Rule(not, $"{at}/Not", topLevel: false) is { } inner ? new ChoiceRule.Not(inner) : null;
        }

        foreach (var combinator in new[] { "And", "Or" })
        {
            if (node.ContainsKey(combinator))
            {
                CheckFields(node, at, [combinator, .. extra]);
                return Combination(node, combinator, at);
            }
        }

        return Comparison(node, at);
    }

    /// <summary>And / Or: a non-empty array of rules.</summary>
    private ChoiceRule? Combination(JsonObject node, string combinator, string at)
    {
        if (node[combinator] is not JsonArray list || list.Count == 0)
        {
            Error(Schema, $"'{combinator}' must be a non-empty array of rules", $"{at}/{combinator}");
            return null;
        }

        var rules = list.Select((r, i) => r is JsonObject o ? Rule(o, $"{at}/{combinator}/{i}", topLevel: false) : null).ToList();
        if (rules.Any(r => r is null))
        {
            return null;
        }

        return combinator == "And" ? new ChoiceRule.And(rules!) : new ChoiceRule.Or(rules!);
    }

    /// <summary>Variable and exactly one operator: a comparison with a literal or a *Path, or a type test.</summary>
    private ChoiceRule.Comparison? Comparison(JsonObject node, string at)
    {
        var variable = RequiredString(node, "Variable", at);
        if (variable is not null && JsonPath.Validate(variable) is { } problem)
        {
            Error(Schema, problem, $"{at}/Variable");
        }

        var operators = node.Select(p => p.Key).Where(k => k is not ("Variable" or "Next" or "Assign" or "Comment")).ToList();
        if (operators.Count != 1)
        {
            var message = operators.Count == 0
                ? "A choice rule needs a comparison operator"
                : $"A choice rule has more than one operator: {string.Join(", ", operators)}";
            Error(Schema, message, at);
            return null;
        }

        var op = operators[0];
        var operand = node[op];
        var isPath = op.EndsWith("Path", StringComparison.Ordinal) && op != "StringMatchesPath" && Comparisons.Contains(op[..^4]);
        var name = isPath ? op[..^4] : op;
        if (!Comparisons.Contains(name) && !TypeTests.Contains(name))
        {
            Error(Schema, $"'{op}' is not a comparison operator", $"{at}/{op}");
            return null;
        }

        if (isPath ? !JsonText.IsString(operand, out var path) || JsonPath.Validate(path) is not null : !OperandFits(name, operand))
        {
            Error(Schema, isPath ? $"'{op}' must be a valid path" : $"The value of '{op}' has the wrong type", $"{at}/{op}");
            return null;
        }

        return variable is null ? null : new ChoiceRule.Comparison(variable, name, operand?.DeepClone(), isPath);
    }

    private static bool OperandFits(string op, JsonNode? operand) => op switch
    {
        _ when op.StartsWith("String", StringComparison.Ordinal) => JsonText.IsString(operand, out _),
        _ when op.StartsWith("Numeric", StringComparison.Ordinal) => JsonText.IsNumber(operand),
        _ when op.StartsWith("Timestamp", StringComparison.Ordinal) => JsonText.IsString(operand, out var t) && ChoiceRule.TryTimestamp(t, out _),
        _ => JsonText.Kind(operand) is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
    };
}

using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Jsonata;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.StatesLanguage.Payloads;

/// <summary>
/// What a JSONata expression sees while a state runs: <c>$states</c> (<c>input</c>, <c>context</c>, and where the
/// field allows them <c>result</c> and <c>errorOutput</c>), the workflow variables, and Step Functions' own functions.
/// Only what an expression names is bound, and <c>$states</c> is built once per scope (with the context object only
/// for expressions that may read it, since it holds the whole execution input).
/// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#reserved-variable-states
/// </summary>
internal sealed partial class JsonataScope(Frame frame, JsonNode? input, JsonNode? result = null, bool hasResult = false, JsonNode? errorOutput = null)
{
    private JsonataResult? _states;
    private JsonataResult? _statesWithContext;

    public Frame Frame => frame;

    public JsonNode? Input => input;

    /// <summary>The same state input with <c>$states.result</c> bound (Output and Assign of Task, Map, Parallel).</summary>
    public JsonataScope WithResult(JsonNode? value) => new(frame, input, value, hasResult: true);

    /// <summary>The same state input with <c>$states.errorOutput</c> bound (a Catcher's Output and Assign).</summary>
    public JsonataScope WithErrorOutput(JsonNode? value) => new(frame, input, errorOutput: value);

    /// <summary>
    /// Bindings for one expression: <paramref name="references"/> are the <c>$names</c> its text mentions;
    /// <paramref name="readsContext"/> whether it may read <c>$states.context</c> (see <see cref="ReadsContext"/>).
    /// </summary>
    public JsonataBindings Bindings(bool readsContext, IReadOnlyList<string> references)
    {
        var bindings = new JsonataBindings();
        foreach (var name in references)
        {
            if (name == "states")
            {
                bindings.Bind("states", States(readsContext));
            }
            else if (frame.Variables.TryGetJsonata(name, out var value))
            {
                bindings.Bind(name, value);
            }
            else
            {
                StatesJsonataFunctions.TryRegister(bindings, name);
            }
        }

        return bindings;
    }

    /// <summary><c>$states</c>, read once from JSON text (cheaper than converting a node tree member by member).</summary>
    private JsonataResult States(bool withContext)
    {
        ref var cached = ref withContext ? ref _statesWithContext : ref _states;
        if (cached is { } states)
        {
            return states;
        }

        var text = new StringBuilder("{\"input\":").Append(JsonText.Serialize(input));
        if (hasResult)
        {
            text.Append(",\"result\":").Append(JsonText.Serialize(result));
        }

        if (errorOutput is not null)
        {
            text.Append(",\"errorOutput\":").Append(JsonText.Serialize(errorOutput));
        }

        if (withContext)
        {
            text.Append(",\"context\":").Append(JsonText.Serialize(frame.BuildContext()));
        }

        cached = JsonataResult.Parse(text.Append('}').ToString());
        return cached.Value;
    }

    /// <summary>
    /// Whether <paramref name="text"/> uses <c>$states</c> other than as <c>$states.input</c>, <c>.result</c> or
    /// <c>.errorOutput</c> (decided once per expression, when the definition is read).
    /// </summary>
    public static bool ReadsContext(string text) => ContextUse().IsMatch(text);

    [GeneratedRegex(@"\$states(?!\s*\.\s*(input|result|errorOutput)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex ContextUse();
}

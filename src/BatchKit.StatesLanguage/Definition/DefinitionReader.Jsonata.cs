using System.Globalization;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Payloads;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Definition;

/// <summary>
/// The query language of each state (the machine's, unless the state sets its own; a JSONata machine takes no
/// JSONPath state), JSONata fields compiled with the definition, and Assign's variable names.
/// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
/// </summary>
internal sealed partial class DefinitionReader
{
    /// <summary>The longest variable name AWS accepts.</summary>
    private const int MaxVariableNameLength = 80;

    private QueryLanguage _language;

    /// <summary>The whole machine's QueryLanguage; states default to it.</summary>
    public QueryLanguage MachineLanguage { get; private set; }

    private bool Jsonata => _language == QueryLanguage.Jsonata;

    /// <summary>Reads the top-level QueryLanguage (JSONPath when absent).</summary>
    public void ReadMachineLanguage(JsonObject machine) =>
        MachineLanguage = _language = ReadLanguage(machine, "") ?? QueryLanguage.JsonPath;

    /// <summary>Runs <paramref name="read"/> in the state's query language, then returns to the enclosing one.</summary>
    private T InLanguage<T>(JsonObject node, string at, Func<T> read)
    {
        var language = ReadLanguage(node, at) ?? MachineLanguage;
        if (MachineLanguage == QueryLanguage.Jsonata && language == QueryLanguage.JsonPath)
        {
            Error(Schema, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", at);
        }

        var enclosing = _language;
        _language = language;
        try
        {
            return read();
        }
        finally
        {
            _language = enclosing;
        }
    }

    private QueryLanguage? ReadLanguage(JsonObject node, string at) => OptionalString(node, "QueryLanguage", at) switch
    {
        null => null,
        "JSONPath" => QueryLanguage.JsonPath,
        "JSONata" => QueryLanguage.Jsonata,
        var other => Invalid(other, at),
    };

    private QueryLanguage? Invalid(string language, string at)
    {
        Error(Schema, $"QueryLanguage must be 'JSONPath' or 'JSONata', got '{language}'", $"{at}/QueryLanguage");
        return null;
    }

    /// <summary>A JSONata field: any JSON, its <c>{% %}</c> strings compiled; each that does not parse is an error where it stands.</summary>
    private JsonataTemplate? JsonataField(JsonObject node, string field, string at, bool objectOnly = false)
    {
        if (!node.TryGetPropertyValue(field, out var value))
        {
            return null;
        }

        if (objectOnly && value is not JsonObject)
        {
            Error(Schema, $"The field '{field}' must be a JSON object", $"{at}/{field}");
            return null;
        }

        return JsonataTemplate.Compile(value, $"{at}/{field}", (location, message) => Error(Schema, message, location));
    }

    /// <summary>A JSONata number field: a literal integer within bounds, or an expression evaluated at run time.</summary>
    private (long? Literal, JsonataTemplate? Template) IntegerOrExpression(JsonObject node, string field, string at, long min, long max = long.MaxValue)
    {
        if (node[field] is JsonValue value && JsonText.IsString(value, out var text) && JsonataTemplate.IsExpression(text))
        {
            return (null, JsonataField(node, field, at));
        }

        return (OptionalInteger(node, field, at, min, max), null);
    }

    /// <summary>Assign's keys name variables (JSONPath strips a <c>.$</c> suffix): identifiers of up to 80 characters, not <c>states</c>.</summary>
    private void CheckVariableNames(JsonObject node, string at)
    {
        if (node["Assign"] is not JsonObject assign)
        {
            return;
        }

        foreach (var (key, _) in assign)
        {
            var name = !Jsonata && key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            if (name == "states")
            {
                Error(Schema, "The variable name 'states' is reserved", $"{at}/Assign/{key}");
            }
            else if (!IsVariableName(name))
            {
                Error(Schema, $"'{name}' is not a valid variable name: a letter or underscore first, then letters, digits or "
                    + $"underscores, at most {MaxVariableNameLength} characters", $"{at}/Assign/{key}");
            }
        }
    }

    /// <summary>Unicode identifiers (UAX #31: an ID_Start then ID_Continue characters), as AWS defines variable names.</summary>
    private static bool IsVariableName(string name) =>
        name.Length is > 0 and <= MaxVariableNameLength
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_' || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation);
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace BatchKit.Examples.Local;

/// <summary>
/// A state machine definition with <c>${Placeholder}</c>s, filled the way CloudFormation's DefinitionSubstitutions
/// fills them on AWS, so the one file runs on both. A placeholder without a value, or a value without a placeholder,
/// is an error naming them: a typo on either side must not deploy.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachine.html#cfn-stepfunctions-statemachine-definitionsubstitutions
/// </summary>
public sealed partial class AslTemplate(string name, string text)
{
    public string Name { get; } = name;

    public string Text { get; } = text;

    /// <summary>Every placeholder the definition uses.</summary>
    public IReadOnlySet<string> Placeholders { get; } = Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads an embedded resource named <paramref name="resource"/> from <paramref name="assembly"/>.</summary>
    public static AslTemplate FromResource(System.Reflection.Assembly assembly, string resource)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return new AslTemplate(resource, reader.ReadToEnd());
    }

    public string Substitute(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var missing = Placeholders.Where(p => !values.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var unknown = values.Keys.Where(k => !Placeholders.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var problems = new List<string>();
            if (missing.Count > 0)
            {
                problems.Add("no value for " + string.Join(", ", missing));
            }

            if (unknown.Count > 0)
            {
                problems.Add("no placeholder named " + string.Join(", ", unknown));
            }

            throw new ArgumentException($"{Name} substitution: {string.Join("; ", problems)}", nameof(values));
        }

        return Placeholder().Replace(Text, m => JsonEncodedText.Encode(values[m.Groups[1].Value]).ToString());
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)\}")]
    private static partial Regex Placeholder();
}

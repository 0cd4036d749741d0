using System.Text;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Intrinsics;

/// <summary>
/// The string of an Fn::Sub, split into literal text and <c>${Name}</c> / <c>${Resource.Attribute}</c> variables;
/// <c>${!Literal}</c> is the literal <c>${Literal}</c>.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
/// </summary>
internal sealed record SubTemplate(IReadOnlyList<SubTemplate.Part> Parts)
{
    public IEnumerable<string> Variables => Parts.Where(p => p.IsVariable).Select(p => p.Text);

    public static SubTemplate Parse(string text)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                literal.Append(text, i, text.Length - i);
                break;
            }

            literal.Append(text, i, start - i);
            var end = text.IndexOf('}', start);
            if (end < 0)
            {
                throw new TemplateException($"Fn::Sub: '${{' without a closing '}}' in \"{text}\"");
            }

            var name = text[(start + 2)..end];
            if (name.StartsWith('!'))
            {
                literal.Append("${").Append(name.AsSpan(1)).Append('}');
            }
            else
            {
                if (name.Trim().Length == 0)
                {
                    throw new TemplateException($"Fn::Sub: an empty variable '${{}}' in \"{text}\"");
                }

                parts.Add(new Part(literal.ToString(), false));
                literal.Clear();
                parts.Add(new Part(name.Trim(), true));
            }

            i = end + 1;
        }

        parts.Add(new Part(literal.ToString(), false));
        return new SubTemplate([.. parts.Where(p => p.IsVariable || p.Text.Length > 0)]);
    }

    /// <summary>Literal text, or the name of a variable (a parameter, resource, pseudo parameter or Resource.Attribute).</summary>
    internal sealed record Part(string Text, bool IsVariable);
}

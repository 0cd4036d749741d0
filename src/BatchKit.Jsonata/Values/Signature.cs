using System.Text;

namespace BatchKit.Jsonata.Values;

/// <summary>
/// A function signature such as <c>&lt;s-nn?:s&gt;</c> (https://docs.jsonata.org/embedding-extending#function-signature-syntax):
/// checks the argument types, substitutes the context value for a missing <c>-</c> argument and wraps single
/// values where an array is expected. Matching follows the reference's regular expression over one type symbol per
/// argument (<c>m</c> for undefined), greedy with backtracking.
/// </summary>
internal sealed class Signature
{
    private const string AnyType = "asnblfom";

    private static readonly Dictionary<char, string> ArrayOf = new()
    {
        ['a'] = "arrays", ['b'] = "booleans", ['f'] = "functions", ['n'] = "numbers", ['o'] = "objects", ['s'] = "strings",
    };

    private readonly SignatureParameter[] _parameters;

    private Signature(string definition, SignatureParameter[] parameters)
    {
        Definition = definition;
        _parameters = parameters;
    }

    public string Definition { get; }

    public int ParameterCount => _parameters.Length;

    public static Signature Parse(string definition)
    {
        var parameters = new List<SignatureParameter>();
        var previous = new SignatureParameter();
        for (var position = 1; position < definition.Length; position++)
        {
            var symbol = definition[position];
            if (symbol == ':')
            {
                break; // the return type is not checked (as in the reference)
            }

            if (AllowedSymbols(symbol) is { } allowed)
            {
                parameters.Add(previous = new SignatureParameter { Type = symbol.ToString(), Allowed = allowed });
                continue;
            }

            switch (symbol)
            {
                case '-':
                    previous.UsesContext = true;
                    previous.Optional = true;
                    break;
                case '?':
                    previous.Optional = true;
                    break;
                case '+':
                    previous.OneOrMore = true;
                    break;
                case '(':
                    var close = ClosingBracket(definition, position, '(', ')');
                    var choice = definition.Substring(position + 1, close - position - 1);
                    if (choice.Contains('<', StringComparison.Ordinal))
                    {
                        throw new JsonataException("S0402") { Value = choice, Position = position };
                    }

                    parameters.Add(previous = new SignatureParameter { Type = "(" + choice + ")", Allowed = choice + "m" });
                    position = close;
                    break;
                case '<':
                    position = ParseSubtype(definition, position, previous);
                    break;
            }
        }

        return new Signature(definition, [.. parameters]);
    }

    /// <summary>The symbols an argument of a simple type may have ('m': undefined); null for other signature symbols.</summary>
    private static string? AllowedSymbols(char type) => type switch
    {
        's' or 'n' or 'b' or 'l' or 'o' => type + "m",
        'a' or 'x' => AnyType,
        'f' => "f",
        'j' => "asnblom",
        _ => null,
    };

    /// <summary>A type parameter such as <c>a&lt;n&gt;</c>; only arrays and functions take one (S0401).</summary>
    private static int ParseSubtype(string definition, int position, SignatureParameter previous)
    {
        if (previous.Type is not ("a" or "f"))
        {
            throw new JsonataException("S0401") { Value = previous.Type, Position = position };
        }

        var end = ClosingBracket(definition, position, '<', '>');
        previous.Subtype = definition.Substring(position + 1, end - position - 1);
        return end;
    }

    /// <summary>The type symbol of a value as the signature sees it (<c>m</c>: missing, i.e. undefined).</summary>
    public static char SymbolOf(object? value) => value switch
    {
        null => 'm',
        JsonataFunction => 'f',
        string => 's',
        double => 'n',
        bool => 'b',
        JsonNull => 'l',
        JsonataArray => 'a',
        _ => 'o',
    };

    /// <summary>Checks <paramref name="args"/> and returns the arguments the function receives.</summary>
    public object?[] Validate(object?[] args, object? context)
    {
        var supplied = new char[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            supplied[i] = SymbolOf(args[i]);
        }

        var ends = new int[_parameters.Length];
        if (!Match(supplied, 0, 0, ends, _parameters.Length, requireEnd: true))
        {
            throw ValidationError(args, supplied);
        }

        var validated = new List<object?>(Math.Max(args.Length, _parameters.Length));
        var argIndex = 0;
        var start = 0;
        for (var p = 0; p < _parameters.Length; p++)
        {
            var param = _parameters[p];
            var length = ends[p] - start;
            if (length == 0)
            {
                if (param.UsesContext)
                {
                    if (!param.Allowed.Contains(SymbolOf(context), StringComparison.Ordinal))
                    {
                        throw new JsonataException("T0411") { Value = context, Index = argIndex + 1 };
                    }

                    validated.Add(context);
                }
                else
                {
                    validated.Add(argIndex < args.Length ? args[argIndex] : null);
                    argIndex++;
                }
            }
            else
            {
                for (var k = start; k < ends[p]; k++)
                {
                    var arg = argIndex < args.Length ? args[argIndex] : null;
                    validated.Add(param.Type == "a" ? ToArrayArgument(param, arg, supplied[k], new string(supplied, start, length), argIndex) : arg);
                    argIndex++;
                }
            }

            start = ends[p];
        }

        return [.. validated];
    }

    private static object? ToArrayArgument(SignatureParameter param, object? arg, char single, string match, int argIndex)
    {
        if (single == 'm')
        {
            return null;
        }

        var ok = true;
        if (param.Subtype is { } subtype)
        {
            if (single != 'a' && match != subtype)
            {
                ok = false;
            }
            else if (single == 'a' && arg is JsonataArray { Count: > 0 } array)
            {
                var itemType = SymbolOf(array[0]);
                ok = itemType == subtype[0] && array.TrueForAll(v => SymbolOf(v) == itemType);
            }
        }

        if (!ok)
        {
            throw new JsonataException("T0412")
            {
                Value = arg, Index = argIndex + 1, TypeName = ArrayOf.GetValueOrDefault(param.Subtype![0], param.Subtype),
            };
        }

        return single == 'a' ? arg : new JsonataArray { arg };
    }

    /// <summary>Backtracking match of the parameters from <paramref name="p"/> against the supplied symbols.</summary>
    private bool Match(char[] supplied, int p, int position, int[] ends, int limit, bool requireEnd)
    {
        if (p == limit)
        {
            return !requireEnd || position == supplied.Length;
        }

        var param = _parameters[p];
        var max = 0;
        while (position + max < supplied.Length && param.Allowed.Contains(supplied[position + max], StringComparison.Ordinal)
            && (param.OneOrMore || max < 1))
        {
            max++;
        }

        var min = param.Optional ? 0 : 1;
        for (var take = max; take >= min; take--)
        {
            ends[p] = position + take;
            if (Match(supplied, p + 1, position + take, ends, limit, requireEnd))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>T0410 naming the first argument the signature cannot accept, found as the reference does.</summary>
    private JsonataException ValidationError(object?[] args, char[] supplied)
    {
        var goodTo = 0;
        var ends = new int[_parameters.Length];
        for (var index = 0; index < _parameters.Length; index++)
        {
            if (!Match(supplied, 0, 0, ends, index + 1, requireEnd: false))
            {
                break;
            }

            goodTo = ends[index];
        }

        return new JsonataException("T0410") { Value = goodTo < args.Length ? args[goodTo] : null, Index = goodTo + 1 };
    }

    private static int ClosingBracket(string text, int start, char open, char close)
    {
        var depth = 1;
        var position = start;
        while (position < text.Length)
        {
            position++;
            if (position >= text.Length)
            {
                break;
            }

            if (text[position] == close && --depth == 0)
            {
                break;
            }

            if (text[position] == open)
            {
                depth++;
            }
        }

        return position;
    }

    public override string ToString() => Definition;

    private sealed class SignatureParameter
    {
        public string Type { get; set; } = "";

        public string Allowed { get; set; } = "";

        public bool UsesContext { get; set; }

        public bool Optional { get; set; }

        public bool OneOrMore { get; set; }

        public string? Subtype { get; set; }

        public override string ToString() => new StringBuilder(Type).Append(Optional ? "?" : "").ToString();
    }
}

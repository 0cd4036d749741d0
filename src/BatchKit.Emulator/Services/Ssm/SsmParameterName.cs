using System.Text.RegularExpressions;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>
/// Parameter naming rules: letters, digits and <c>.-_</c>, in sub-paths divided by <c>/</c> (a hierarchical name
/// starts with one), at most 15 levels, never starting with <c>aws</c> or <c>ssm</c> in any case.
/// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html#sysman-parameter-name-constraints
/// </summary>
internal static partial class SsmParameterName
{
    public const int MaxLevels = 15;

    public static void Validate(string name)
    {
        var bare = name.TrimStart('/');
        if (!Characters().IsMatch(name)
            || bare.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || bare.StartsWith("ssm", StringComparison.OrdinalIgnoreCase)
            || name.Contains("//", StringComparison.Ordinal) || name.EndsWith('/'))
        {
            throw SsmErrors.Validation("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as a path, it can consist of "
                + "sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_");
        }

        if (!name.StartsWith('/') && name.Contains('/', StringComparison.Ordinal))
        {
            throw SsmErrors.Validation($"Parameter name must be a fully qualified name: a hierarchical name must begin with '/': {name}");
        }

        if (name.Count(c => c == '/') > MaxLevels)
        {
            throw new Protocol.ServiceErrorException("HierarchyLevelLimitExceededException",
                $"A hierarchy can have a maximum of {MaxLevels} levels: {name} has {name.Count(c => c == '/')}.");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_.\\-/]+\\z")]
    private static partial Regex Characters();
}

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// InputPath / OutputPath / ResultPath: absent means <c>$</c>; JSON null is meaningful (InputPath/OutputPath: an
/// empty object; ResultPath: discard the result).
/// </summary>
internal sealed record PathSetting(string? Path)
{
    public static readonly PathSetting Default = new("$");

    public static readonly PathSetting Null = new((string?)null);

    public bool IsNull => Path is null;
}

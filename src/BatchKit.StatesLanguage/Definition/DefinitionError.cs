namespace BatchKit.StatesLanguage.Definition;

/// <summary>One problem in a definition: AWS's error code, a message, and where (a JSON pointer such as /States/A/Next).</summary>
public sealed record DefinitionError(string Code, string Message, string Location)
{
    public override string ToString() => $"{Code}: {Message} at {(Location.Length == 0 ? "/" : Location)}";
}

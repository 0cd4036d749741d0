namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>
/// The 573 words DynamoDB refuses as literal attribute names in expressions (any case); an item's <c>name</c> or
/// <c>status</c> needs a <c>#placeholder</c>, here as on AWS. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html
/// </summary>
internal static class ReservedWords
{
    private static readonly HashSet<string> Words = Load();

    public static bool Contains(string name) => Words.Contains(name);

    private static HashSet<string> Load()
    {
        using var stream = typeof(ReservedWords).Assembly.GetManifestResourceStream("DynamoDbReservedWords.txt")
            ?? throw new InvalidOperationException("the embedded resource DynamoDbReservedWords.txt is missing from the emulator's assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}

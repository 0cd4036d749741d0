using System.Text.RegularExpressions;

namespace BatchKit.Sales;

/// <summary>
/// The naming rule of store files inside a day: <c>store_&lt;digits&gt;.json</c>. "store_1000.json" is store
/// "store_1000" with number "1000" (the reference pipeline's <c>store_number</c>, with no stray dot).
/// </summary>
public static partial class StoreFileName
{
    public static bool TryParse(string fileNameOrKey, out string store, out string number)
    {
        var name = fileNameOrKey[(fileNameOrKey.LastIndexOf('/') + 1)..];
        var match = Pattern().Match(name);
        store = match.Success ? match.Groups["store"].Value : "";
        number = match.Success ? match.Groups["number"].Value : "";
        return match.Success;
    }

    public static string ForNumber(int number) => $"store_{number}.json";

    [GeneratedRegex(@"^(?<store>store_(?<number>[0-9]{1,18}))\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

namespace Payroll;

/// <summary>
/// payroll.asl.json, the one definition every target runs (AWS through the CDK stack's DefinitionSubstitutions, the
/// emulator through the local deploy), and which function's ARN fills each of its placeholders.
/// </summary>
public static class PayrollDefinition
{
    public const string StateMachineName = "payroll";

    /// <summary>The definition as written, placeholders included.</summary>
    public static string Template { get; } = Load();

    /// <summary>Placeholder → the Handler of the function whose ARN fills it.</summary>
    public static IReadOnlyDictionary<string, string> PlaceholderHandlers { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ProcessDataFunctionArn"] = PayrollHandlers.ProcessData,
        ["GeneratePaystubsFunctionArn"] = PayrollHandlers.GeneratePaystubs,
        ["GenerateReportFunctionArn"] = PayrollHandlers.GenerateReport,
        ["NotifyFunctionArn"] = PayrollHandlers.Notify,
    };

    private static string Load()
    {
        using var stream = typeof(PayrollDefinition).Assembly.GetManifestResourceStream("payroll.asl.json")
            ?? throw new InvalidOperationException("payroll.asl.json is not embedded in Payroll.Core");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

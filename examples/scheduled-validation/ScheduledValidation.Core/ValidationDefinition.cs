namespace ScheduledValidation;

/// <summary>
/// scheduled-validation.asl.json, the one definition every target runs (AWS through the CDK stack's
/// DefinitionSubstitutions, the emulator through the local deploy), and the placeholders it has.
/// </summary>
public static class ValidationDefinition
{
    public const string PrepareFunctionArn = "PrepareFunctionArn";
    public const string ClusterArn = "ClusterArn";
    public const string TaskDefinitionArn = "TaskDefinitionArn";
    public const string ContainerName = "ContainerName";
    public const string Subnets = "Subnets";
    public const string SecurityGroups = "SecurityGroups";
    public const string AssignPublicIp = "AssignPublicIp";
    public const string EventBusName = "EventBusName";

    /// <summary>The definition as written, placeholders included.</summary>
    public static string Template { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(ValidationDefinition).Assembly.GetManifestResourceStream("scheduled-validation.asl.json")
            ?? throw new InvalidOperationException("scheduled-validation.asl.json is not embedded in ScheduledValidation.Core");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

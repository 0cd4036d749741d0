namespace BatchKit.Jsonata.Evaluation;

/// <summary>The <c>?</c> of a partial application, standing for an argument supplied later.</summary>
internal sealed class Placeholder
{
    public static readonly Placeholder Value = new();

    private Placeholder()
    {
    }
}

namespace BatchKit.Jsonata.Values;

/// <summary>Helpers on arrays.</summary>
internal static class JsonataArrayExtensions
{
    /// <summary>Marks a one-item sequence holding an input array, so the array counts as a single context item.</summary>
    public static JsonataArray AsOuterWrapper(this JsonataArray wrapper)
    {
        wrapper.IsSequence = true;
        wrapper.OuterWrapper = true;
        return wrapper;
    }
}

namespace BatchKit.Sales;

/// <summary>What the aggregator does with a row it cannot read.</summary>
public enum RowErrorPolicy
{
    /// <summary>
    /// The default: the first bad row fails the whole file with a message naming the row and field, so a wrong
    /// total is never reported as if it were right.
    /// </summary>
    Fail,

    /// <summary>
    /// Bad rows are left out of every total and listed in <see cref="StoreSummary.Errors"/>; the summary's
    /// <see cref="StoreSummary.RowErrors"/> says how many. Structural problems (not an array, malformed JSON) still fail.
    /// </summary>
    Quarantine,
}

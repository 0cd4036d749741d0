namespace BatchKit.Jsonata.Ast;

/// <summary>
/// Where a parent operator <c>%</c> finds its value: the hidden tuple variable (<see cref="Label"/>) an earlier step
/// binds to its context. <see cref="Level"/> counts the steps still to climb while compiling.
/// </summary>
internal sealed class AncestorSlot(string label, int level, int index)
{
    public string Label { get; set; } = label;

    public int Level { get; set; } = level;

    public int Index { get; } = index;
}

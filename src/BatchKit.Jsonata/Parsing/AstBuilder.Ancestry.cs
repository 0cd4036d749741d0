using BatchKit.Jsonata.Ast;

namespace BatchKit.Jsonata.Parsing;

/// <summary>
/// Resolving the parent operator <c>%</c> (https://docs.jsonata.org/path-operators#-parent): each <c>%</c> climbs
/// back through the steps before it; the step it lands on records its context in a hidden tuple variable.
/// </summary>
internal sealed partial class AstBuilder
{
    private AncestorSlot SeekParent(ExpressionNode node, AncestorSlot slot)
    {
        switch (node)
        {
            case NameNode or WildcardNode:
                slot.Level--;
                if (slot.Level == 0)
                {
                    if (node.Ancestor is null)
                    {
                        node.Ancestor = slot;
                    }
                    else
                    {
                        // reuse the existing label
                        _ancestry[slot.Index].Slot.Label = node.Ancestor.Label;
                        node.Ancestor = slot;
                    }

                    node.Tuple = true;
                }

                break;
            case ParentNode:
                slot.Level++;
                break;
            case BlockNode block:
                if (block.Expressions.Count > 0)
                {
                    block.Tuple = true;
                    slot = SeekParent(block.Expressions[^1], slot);
                }

                break;
            case PathNode path:
                path.Tuple = true;
                var index = path.Steps.Count - 1;
                slot = SeekParent(path.Steps[index--], slot);
                while (slot.Level > 0 && index >= 0)
                {
                    slot = SeekParent(path.Steps[index--], slot);
                }

                break;
            default:
                throw new JsonataException("S0217") { Token = node.Type, Position = node.Position };
        }

        return slot;
    }

    private static void PushAncestry(ExpressionNode result, ExpressionNode value)
    {
        if (value.SeekingParent is null && value is not ParentNode)
        {
            return;
        }

        var slots = value.SeekingParent ?? [];
        if (value is ParentNode parent)
        {
            slots.Add(parent.Slot);
        }

        if (result.SeekingParent is null)
        {
            result.SeekingParent = slots;
        }
        else
        {
            result.SeekingParent.AddRange(slots);
        }
    }

    private void ResolveAncestry(PathNode path)
    {
        var lastStep = path.Steps[^1];
        var slots = lastStep.SeekingParent ?? [];
        if (lastStep is ParentNode parent)
        {
            slots.Add(parent.Slot);
        }

        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            var index = path.Steps.Count - 2;
            while (slot.Level > 0)
            {
                if (index < 0)
                {
                    (path.SeekingParent ??= []).Add(slot);
                    break;
                }

                var step = path.Steps[index--];
                while (index >= 0 && step.Focus is not null && path.Steps[index].Focus is not null)
                {
                    step = path.Steps[index--];
                }

                slot = SeekParent(step, slot);
            }
        }
    }
}

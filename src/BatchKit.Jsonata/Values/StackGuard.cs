using System.Runtime.CompilerServices;

namespace BatchKit.Jsonata.Values;

/// <summary>
/// Every recursive walk (parser, evaluator, value walkers) checks the thread's remaining stack first, so a deep
/// expression or a deeply nested value gives a JSONata error instead of a process-killing stack overflow.
/// </summary>
internal static class StackGuard
{
    /// <summary>D1011, the reference's code for a stack that grew too deep.</summary>
    public static void Ensure()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JsonataException("D1011");
        }
    }
}

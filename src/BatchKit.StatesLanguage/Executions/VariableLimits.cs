using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// The size limits of workflow variables: 256 KiB for one variable and for everything one Assign sets, past which
/// the state fails with States.DataLimitExceeded.
/// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#variable-limits
/// </summary>
internal static class VariableLimits
{
    public const int MaxBytes = 256 * 1024;

    public static void Check(JsonObject assigned)
    {
        long total = 0;
        foreach (var (name, value) in assigned)
        {
            var text = JsonText.Serialize(value);
            var size = text.Length * 3L <= MaxBytes ? text.Length : System.Text.Encoding.UTF8.GetByteCount(text);
            if (size > MaxBytes)
            {
                throw new FailureException(ErrorNames.DataLimitExceeded,
                    $"The variable '{name}' has a size of {size} bytes, which exceeds the maximum of {MaxBytes} bytes for a variable.");
            }

            total += size;
        }

        if (total > MaxBytes)
        {
            throw new FailureException(ErrorNames.DataLimitExceeded,
                $"The variables assigned by the state have a total size of {total} bytes, which exceeds the maximum of {MaxBytes} bytes for one Assign.");
        }
    }
}

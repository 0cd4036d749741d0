using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// One Catch rule: which errors it takes, the state that runs next, and where the error output {Error, Cause} goes
/// (JSONPath: ResultPath and Assign; JSONata: Output and Assign over <c>$states.errorOutput</c>).
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-fallback-states
/// </summary>
internal sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next, PathSetting ResultPath, JsonObject? Assign)
{
    public JsonataTemplate? Output { get; init; }

    public JsonataTemplate? JsonataAssign { get; init; }
}

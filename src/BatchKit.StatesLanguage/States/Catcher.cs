using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.States;

/// <summary>One Catch rule: where the error output {Error, Cause} goes and which state runs next.</summary>
internal sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next, PathSetting ResultPath, JsonObject? Assign);

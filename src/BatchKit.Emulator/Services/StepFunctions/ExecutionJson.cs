using System.Text.Json.Serialization;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// The JSON mapping of what the data directory keeps of an execution (its snapshot, a released history), generated at
/// build time for the Native AOT emulator; the same names and shapes reflection gave, so older files still load.
/// </summary>
[JsonSerializable(typeof(ExecutionSnapshot))]
[JsonSerializable(typeof(IReadOnlyList<HistoryEvent>))]
[JsonSerializable(typeof(List<HistoryEvent>))]
internal sealed partial class ExecutionJson : JsonSerializerContext;

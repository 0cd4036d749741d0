using System.Text.Json.Serialization;
using BatchKit.Contracts.Functions;
using BatchKit.Contracts.Worker;
using BatchKit.Contracts.Workflow;

namespace BatchKit.Contracts;

/// <summary>
/// Source-generated JSON for every contract, so the trimmed Lambda and the Native AOT worker read and write them
/// without reflection: <c>JsonSerializer.Serialize(input, ContractJson.Default.WorkflowInput)</c>.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(WorkflowInput))]
[JsonSerializable(typeof(WorkerResult))]
[JsonSerializable(typeof(SummaryRequest))]
[JsonSerializable(typeof(DayReport))]
public sealed partial class ContractJson : JsonSerializerContext;

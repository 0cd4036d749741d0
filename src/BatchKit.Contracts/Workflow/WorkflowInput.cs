using System.Text.Json.Serialization;

namespace BatchKit.Contracts.Workflow;

/// <summary>
/// The sales-batch execution input the upload Lambda starts it with; the definition reads <c>$.input.*</c>.
/// </summary>
public sealed record WorkflowInput([property: JsonPropertyName("input")] UploadedDay Input);

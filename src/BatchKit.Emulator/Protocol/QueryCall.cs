using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// One query-protocol call: the action, its input as JSON members, the request's path (SQS query clients post to the
/// queue's URL) and the access key it was signed with.
/// </summary>
internal sealed record QueryCall(string Action, JsonObject Input, string Path, string? AccessKeyId);

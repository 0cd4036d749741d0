using System.Text.Json.Serialization;
using BatchKit.Emulator.Services.Lambda;
using BatchKit.Emulator.Services.Logs;
using BatchKit.Emulator.Services.S3;
using BatchKit.Emulator.Services.Ssm;
using BatchKit.Emulator.Services.StepFunctions;

namespace BatchKit.Emulator.Storage;

/// <summary>
/// The JSON mapping of every record a <see cref="RecordTable{T}"/> keeps with <see cref="RecordCodec{T}.Json"/>, generated
/// at build time: the emulator publishes as Native AOT (issue 17), where System.Text.Json has no reflection. The
/// mapping is the one reflection made (property names as declared), so data directories written before still load.
/// https://learn.microsoft.com/dotnet/standard/serialization/system-text-json/source-generation
/// </summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(SsmParameter))]
[JsonSerializable(typeof(List<SsmParameter>))]
[JsonSerializable(typeof(S3NotificationConfiguration))]
[JsonSerializable(typeof(LogGroup))]
[JsonSerializable(typeof(LogStream))]
[JsonSerializable(typeof(LambdaFunction))]
[JsonSerializable(typeof(StateMachineVersionRecord))]
[JsonSerializable(typeof(StateMachineAliasRecord))]
[JsonSerializable(typeof(ActivityRecord))]
internal sealed partial class RecordJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// The sidecar format of <see cref="S3ObjectMetadata"/>, source-generated so reading and writing it needs no reflection
/// (the emulator publishes with Native AOT). https://learn.microsoft.com/dotnet/standard/serialization/system-text-json/source-generation
/// </summary>
[JsonSerializable(typeof(S3ObjectMetadata))]
internal sealed partial class S3MetadataJson : JsonSerializerContext;

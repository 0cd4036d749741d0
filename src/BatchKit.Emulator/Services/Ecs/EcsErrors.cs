using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Ecs;

/// <summary>ECS error codes (botocore ecs/2014-11-13/service-2.json).</summary>
internal static class EcsErrors
{
    public static ServiceErrorException ClusterNotFound(string cluster) => new("ClusterNotFoundException", $"Cluster not found: {cluster}");

    public static ServiceErrorException ClusterContainsTasks(string cluster) =>
        new("ClusterContainsTasksException", $"The cluster {cluster} cannot be deleted while tasks are active.");

    public static ServiceErrorException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static ServiceErrorException Client(string message) => new("ClientException", message);
}

namespace BatchKit.Emulator.Services.Ecs;

/// <summary>Task.stopCode values. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Task.html</summary>
internal static class EcsStopCode
{
    public const string TaskFailedToStart = "TaskFailedToStart";

    public const string EssentialContainerExited = "EssentialContainerExited";

    public const string UserInitiated = "UserInitiated";
}

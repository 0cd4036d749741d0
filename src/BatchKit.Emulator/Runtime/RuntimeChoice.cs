namespace BatchKit.Emulator.Runtime;

/// <summary>
/// What runs ECS tasks or Lambda environments (<c>--ecs-runtime</c>, <c>--lambda-runtime</c>): local processes, real
/// containers through a Docker engine, or <c>auto</c>: a container when the engine answers and the image is present
/// locally, else a process.
/// </summary>
public enum RuntimeChoice
{
    Process,
    Container,
    Auto,
}

/// <summary>Reads and names <see cref="RuntimeChoice"/> as the command line spells it.</summary>
public static class RuntimeChoices
{
    public static RuntimeChoice Parse(string option, string value) => value switch
    {
        "process" => RuntimeChoice.Process,
        "container" => RuntimeChoice.Container,
        "auto" => RuntimeChoice.Auto,
        _ => throw new ArgumentException($"{option} '{value}' is not a runtime: use process, container or auto"),
    };
}

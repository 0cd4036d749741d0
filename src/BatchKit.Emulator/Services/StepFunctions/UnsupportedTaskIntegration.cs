using BatchKit.StatesLanguage.Execution;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// Task states against services the emulator does not run yet (ECS tasks as processes, Lambda, http:invoke,
/// events:putEvents come next): the task fails with a named error and a cause that says so, never silently.
/// </summary>
internal sealed class UnsupportedTaskIntegration : ITaskIntegration
{
    public const string Error = "BatchKit.UnsupportedIntegration";

    public Task<TaskResult> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(TaskResult.Failure(Error, $"BatchKit's embedded emulator does not run the integration '{invocation.Resource}' yet."));
}

using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;

namespace BatchKit.Worker;

/// <summary>
/// A worker that cannot start: one line on stderr naming every problem, and — when it has a task token and can
/// reach Step Functions — SendTaskFailure with <see cref="WorkerErrors.Configuration"/>, so the workflow moves on
/// at once instead of waiting out the task's timeout.
/// </summary>
internal static class WorkerStartup
{
    /// <summary>What the worker starts with: its settings and client, or every problem that stops it (and the token to answer).</summary>
    internal sealed record Startup(WorkerSettings? Settings, StepFunctionsClient? StepFunctions, string? Problem, string? TaskToken);

    /// <summary>Reads the settings and makes the Step Functions client (region, endpoint, credentials), collecting what is wrong with both.</summary>
    public static Startup Prepare(IEnvironmentVariables environment)
    {
        var problems = new List<string>();
        WorkerSettings? settings = null;
        StepFunctionsClient? stepFunctions = null;
        try
        {
            settings = WorkerSettings.From(environment);
        }
        catch (WorkerConfigurationException e)
        {
            problems.Add(e.Message);
        }

        try
        {
            stepFunctions = new StepFunctionsClient(new AwsClientOptions { Environment = environment });
        }
        catch (AwsConfigurationException e)
        {
            problems.Add(e.Message);
        }

        var token = environment.Get(Contracts.Worker.WorkerEnvironment.TaskToken);
        return new Startup(settings, stepFunctions, problems.Count == 0 ? null : string.Join("; ", problems), string.IsNullOrWhiteSpace(token) ? null : token);
    }

    public static async Task<int> FailAsync(string problem, string? taskToken, IStepFunctionsClient? stepFunctions)
    {
        Console.Error.WriteLine($"batchkit-worker: cannot start: {problem}");
        if (string.IsNullOrWhiteSpace(taskToken) || stepFunctions is null)
        {
            return 1;
        }

        try
        {
            await stepFunctions.SendTaskFailureAsync(taskToken, WorkerErrors.Configuration, $"The worker cannot start: {problem}").ConfigureAwait(false);
            return 1;
        }
        catch (AwsServiceException refused)
        {
            Console.Error.WriteLine($"batchkit-worker: Step Functions refused the failure report too: {refused.Message}");
            return 2;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or AwsConfigurationException)
        {
            Console.Error.WriteLine($"batchkit-worker: could not report the failure to Step Functions: {e.Message}");
            return 1;
        }
        finally
        {
            (stepFunctions as IDisposable)?.Dispose();
        }
    }
}

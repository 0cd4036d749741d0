using System.Globalization;
using BatchKit.Emulator.Runtime;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// A Lambda execution environment as a workload: the function's code at /var/task, its <c>bootstrap</c> as the entry
/// point, and the variables Lambda defines for every function, then the function's own (which may override the
/// endpoint ones). https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
/// </summary>
internal sealed class LambdaWorkload(EmulatorEndpoint endpoint, EmulatorOptions options)
{
    /// <summary>The image a <c>provided.*</c> function runs in under the container runtime.</summary>
    public const string ProvidedImage = "batchkit/lambda-provided:al2023";

    public WorkloadSpec Spec(LambdaFunction function, string runtimeApi, Action<string> output)
    {
        var environment = endpoint.WorkloadEnvironment(options.Region);
        environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        environment["_HANDLER"] = function.Handler;
        environment["AWS_LAMBDA_FUNCTION_NAME"] = function.FunctionName;
        environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySize.ToString(CultureInfo.InvariantCulture);
        environment["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + function.FunctionName;
        environment["LAMBDA_TASK_ROOT"] = ExecutionEnvironment.TaskRoot;
        environment["TZ"] = ":UTC";
        foreach (var (name, value) in function.Environment)
        {
            environment[name] = value;
        }

        return new WorkloadSpec
        {
            Name = $"lambda-{function.FunctionName}-{Guid.NewGuid():N}",
            Image = ProvidedImage,
            EntryPoint = [ExecutionEnvironment.TaskRoot + "/bootstrap"],
            Environment = environment,
            WorkingDirectory = ExecutionEnvironment.TaskRoot,
            MemoryMiB = function.MemorySize,
            Mounts = [new WorkloadMount(function.CodeDirectory, ExecutionEnvironment.TaskRoot)],
            Output = output,
        };
    }
}

using BatchKit.Emulator.Services.Ecs;
using BatchKit.Emulator.Services.Lambda;
using BatchKit.Emulator.Services.S3;
using BatchKit.Emulator.Services.Ssm;
using BatchKit.Emulator.Services.StepFunctions;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Viewer;

/// <summary>
/// What the viewer reads, straight from the stores (no AWS call in between), and the one provider it acts through
/// (start, stop and redrive go through the Step Functions operations, so they validate exactly as the API does).
/// </summary>
internal sealed record ViewerSources(
    StepFunctionsStore StepFunctions,
    StepFunctionsProvider StepFunctionsApi,
    TaskTokenRegistry TaskTokens,
    EcsStore Ecs,
    LambdaStore Lambda,
    S3Store S3,
    SsmStore Ssm,
    ChangeFeed Changes,
    EmulatorOptions Options,
    TimeProvider Time);

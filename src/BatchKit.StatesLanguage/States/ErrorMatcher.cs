using BatchKit.StatesLanguage.Errors;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// ErrorEquals matching: States.ALL matches everything but States.Runtime (never retried or caught, per the AWS
/// docs); States.TaskFailed matches every error except States.Timeout.
/// </summary>
internal static class ErrorMatcher
{
    public static bool Matches(IReadOnlyList<string> errorEquals, string error) => errorEquals.Any(name => name switch
    {
        ErrorNames.All => error != ErrorNames.Runtime,
        ErrorNames.TaskFailed => error != ErrorNames.Timeout && error != ErrorNames.Runtime
            && (error == ErrorNames.TaskFailed || !ErrorNames.IsReserved(error) || error is ErrorNames.HeartbeatTimeout or ErrorNames.Permissions),
        _ => name == error,
    });
}

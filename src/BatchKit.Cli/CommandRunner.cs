using BatchKit.Sales;
using BatchKit.SampleData;
using Spectre.Console;

namespace BatchKit.Cli;

/// <summary>
/// Runs a command's body and turns its outcome into the exit-code table: expected errors derive from
/// <see cref="BatchKitException"/> (or are domain errors with a user-facing message) and print in red without a
/// stack trace; cancellation is Ctrl-C; anything else is unexpected and prints the exception.
/// </summary>
internal static class CommandRunner
{
    /// <param name="plainErrors">
    /// Where expected errors go as plain lines (the message as is), for commands whose stdout is data, such as
    /// <c>batchkit jsonata</c>; by default they print on the console in red.
    /// </param>
    public static async Task<int> RunAsync(IAnsiConsole console, Func<CancellationToken, Task> body, CancellationToken cancellationToken,
        TextWriter? plainErrors = null)
    {
        try
        {
            await body(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Cancelled.[/]");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is BatchKitException or InvalidOptionException or SalesDataException)
        {
            if (plainErrors is null)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            }
            else
            {
                await plainErrors.WriteLineAsync(e.Message).ConfigureAwait(false);
            }

            return ExitCodes.UserError;
        }
        catch (Exception e)
        {
            console.MarkupLine("[red]unexpected error[/] (please report it with the details below):");
            console.WriteException(e, ExceptionFormats.ShortenPaths);
            return ExitCodes.Unexpected;
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using BatchKit.Cli.Local;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary>
/// <c>batchkit ui</c>: opens the emulator's execution viewer. It prints the link, and opens it with
/// <c>xdg-open</c> when there is one and a display to show it on; on a headless machine the link is the answer.
/// </summary>
internal static class UiCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var print = new Option<bool>("--print") { Description = "Only print the link; do not start a browser." };
        var command = new Command("ui", "Open the local execution viewer (http://localhost:4566/_batchkit/) in a browser.")
        {
            StackEndpoint.EndpointOption, print,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async ct =>
        {
            var value = parse.GetValue(StackEndpoint.EndpointOption)!;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                throw new BatchKitException($"--endpoint '{value}' is not an http URL: the viewer is the local emulator's, e.g. http://127.0.0.1:4566");
            }

            if (!await ViewerLinks.AnswersAsync(endpoint, ct).ConfigureAwait(false))
            {
                throw new BatchKitException(
                    $"no viewer answers at {ViewerLinks.For(endpoint)}: start the local stack with `make up` (LocalStack and AWS have none)");
            }

            var link = ViewerLinks.For(endpoint);
            console.MarkupLineInterpolated($"Viewer: [link]{link}[/]");
            if (!parse.GetValue(print) && Opener() is { } opener)
            {
                await OpenAsync(console, opener, link, ct).ConfigureAwait(false);
            }
        }, cancellationToken));
        return command;
    }

    /// <summary>xdg-open from PATH, when a graphical session could show what it opens.</summary>
    private static string? Opener()
    {
        if (!HasDisplay("DISPLAY") && !HasDisplay("WAYLAND_DISPLAY"))
        {
            return null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "xdg-open"))
            .FirstOrDefault(File.Exists);
    }

    private static bool HasDisplay(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 };

    private static async Task OpenAsync(IAnsiConsole console, string opener, Uri link, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(opener, [link.ToString()]) { UseShellExecute = false })
            ?? throw new BatchKitException($"{opener} did not start; open {link} yourself");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return; // a browser that keeps xdg-open waiting is one that opened
        }

        if (process.ExitCode != 0)
        {
            console.MarkupLineInterpolated($"[yellow]{opener} exited with {process.ExitCode}; open the link above yourself.[/]");
        }
    }
}

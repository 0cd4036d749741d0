using System.Net;
using System.Net.Sockets;
using BatchKit.Cli;
using Spectre.Console;

namespace BatchKit.Viewer.Tests;

/// <summary>
/// <c>batchkit ui</c> against a running emulator: the link it prints is the viewer's page; with nothing listening it
/// says so and fails. (<c>--print</c> keeps a desktop's browser out of the test; the headless CI has no display anyway.)
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class ViewerLinkTests(ViewerStack stack)
{
    [Fact]
    public async Task Batchkit_ui_prints_the_link_to_the_viewer_page_of_the_running_emulator()
    {
        var (exit, output) = await BatchKitAsync("ui", "--print", "--endpoint", stack.Endpoint.ToString());

        Assert.True(exit == 0, output);
        var link = new Uri(output.Split("Viewer: ", 2)[1].Trim());
        Assert.Equal(("localhost", stack.Endpoint.Port, "/_batchkit/"), (link.Host, link.Port, link.AbsolutePath));
        using var page = await stack.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>BatchKit viewer</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batchkit_ui_with_no_emulator_listening_says_to_start_the_stack()
    {
        var (exit, output) = await BatchKitAsync("ui", "--print", "--endpoint", $"http://127.0.0.1:{ClosedPort()}");

        Assert.Equal(ExitCodes.UserError, exit);
        Assert.Contains("no viewer answers at http://localhost:", output, StringComparison.Ordinal);
        Assert.Contains("make up", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> BatchKitAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400; // one line per message, so the link is never wrapped
        var exit = await BatchKitCommandLine.InvokeAsync(args, console, output, output, CancellationToken.None);
        return (exit, output.ToString());
    }

    /// <summary>A port that was just free: bound, read and released, so nothing listens on it.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

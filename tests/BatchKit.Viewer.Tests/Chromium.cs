using Microsoft.Playwright;

namespace BatchKit.Viewer.Tests;

/// <summary>
/// Debian's Chromium (<c>apt-get install chromium</c>, which scripts/bootstrap.sh does) driven by Playwright, headless
/// and offline: no sandbox (CI runs as root), no GPU, and none of the browser's own network traffic, so nothing leaves
/// 127.0.0.1. Playwright's own browser download is not used.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Flags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Where screenshots go: beside the test assembly, so they travel with the test output.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException(
                $"Chromium is not installed at {ExecutablePath}: run scripts/bootstrap.sh (apt-get install -y chromium).", ExecutablePath);
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var options = new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Flags };
            var browser = await playwright.Chromium.LaunchAsync(options);
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page (its own context: no shared cookies or cache) on the viewer at <paramref name="endpoint"/>.</summary>
    public async Task<IPage> OpenAsync(Uri endpoint)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Emulator.EmulatorHost.ViewerLink(endpoint).ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 960 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}

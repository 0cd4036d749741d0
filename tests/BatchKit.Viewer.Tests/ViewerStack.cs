using BatchKit.Aws.StepFunctions;
using BatchKit.EndToEnd.Tests;
using BatchKit.SampleData;

namespace BatchKit.Viewer.Tests;

/// <summary>
/// The end-to-end stack (in-process emulator, real worker and Lambda processes, WireMock as Slack) with Chromium, and
/// a gate in front of the worker: while the gate file is missing, every store's task waits before it starts, so a test
/// can open the page on a RUNNING execution and then let it finish — no race with a fast machine.
/// </summary>
public sealed class ViewerStack : PipelineStack, IAsyncLifetime
{
    public const string DemoDay = "2026-11-22";
    public const int DemoStores = 20;

    private readonly string _gate = Path.Combine(Path.GetTempPath(), "batchkit-viewer-gate-" + Guid.NewGuid().ToString("N"));
    private readonly Lock _demoLock = new();
    private Task<DescribeExecutionResponse>? _demo;

    public ViewerStack() => OpenGate();

    public Chromium Chromium { get; private set; } = null!;

    /// <summary>A test may hold the worker: it owns its emulator, never someone else's endpoint.</summary>
    protected override bool MayUseExternalEndpoint => false;

    protected override string[] WorkerCommand =>
        ["/bin/sh", "-c", "while [ ! -e \"$0\" ]; do sleep 0.05; done; exec \"$1\"", _gate, Path.Combine(AppContext.BaseDirectory, "batchkit-worker")];

    public void CloseGate() => File.Delete(_gate);

    public void OpenGate() => File.WriteAllText(_gate, "open");

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Chromium = await Chromium.LaunchAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        OpenGate(); // no task of this stack is left waiting
        await DisposeAsync();
        File.Delete(_gate);
    }

    /// <summary>The 20-store demo day (as `make demo` runs it), uploaded and run to its end once for the tests that read it.</summary>
    public Task<DescribeExecutionResponse> DemoDayAsync()
    {
        lock (_demoLock)
        {
            return _demo ??= RunDayAsync(DemoDay, new GeneratorOptions { Stores = DemoStores, Seed = 42 });
        }
    }

    public async Task<DescribeExecutionResponse> RunDayAsync(string day, GeneratorOptions options)
    {
        await UploadDayAsync(day, options);
        var execution = await WaitForDayAsync(day, TimeSpan.FromMinutes(3));
        return execution;
    }

    public async Task<BatchKit.Sales.DayTotals> UploadDayAsync(string day, GeneratorOptions options)
    {
        var zip = new MemoryStream();
        var expected = DayGenerator.Generate(options with { Date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture) }, zip);
        await UploadAsync($"uploads/{day}.zip", zip.ToArray());
        return expected;
    }
}

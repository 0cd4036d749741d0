using System.Globalization;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Runtime;
using BatchKit.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// <c>--time-scale</c>: the emulator's clock runs N times faster, so an hour-long Wait, a six-minute Retry back-off and
/// a ten-minute TimeoutSeconds pass within a test's deadline. The history records them on the fast clock: each at least
/// as long as asked (timer latency, multiplied by the scale, makes them longer, never shorter).
/// </summary>
public sealed class TimeScaleTests
{
    private const double Scale = 100_000;

    [Fact]
    public async Task An_hour_long_Wait_and_six_minute_back_offs_finish_within_the_tests_deadline_with_their_recorded_durations()
    {
        var data = Directory.CreateTempSubdirectory("batchkit-time-scale-").FullName;
        try
        {
            await using var emulator = await EmulatorProcess.StartAsync(data, "--time-scale", "100000", "--ephemeral");
            using var client = new EndpointClient(emulator.Endpoint);
            var api = StatesApi.Of(client);
            var machine = await api.CreateMachineAsync(StatesApi.Unique("slow"), """
                {"StartAt": "Hour", "States": {
                  "Hour": {"Type": "Wait", "Seconds": 3600, "Next": "Flaky"},
                  "Flaky": {"Type": "Parallel", "Branches": [{"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Flaky.Failed"}}}],
                    "Retry": [{"ErrorEquals": ["Flaky.Failed"], "IntervalSeconds": 360, "MaxAttempts": 2, "BackoffRate": 1.0}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Done"}], "End": true},
                  "Done": {"Type": "Succeed"}}}
                """);

            // A real-time run would need 72 minutes; StatesApi.WaitAsync gives up after 60 s with a message.
            var done = await api.WaitAsync(await api.StartAsync(machine));

            Assert.Equal("SUCCEEDED", done["status"]!.GetValue<string>());
            var history = await api.HistoryAsync(done["executionArn"]!.GetValue<string>());
            var waited = At(history, "WaitStateExited")[0] - At(history, "WaitStateEntered")[0];
            Assert.True(waited >= 3600, $"the Wait lasted {waited} s on the emulator's clock");
            var attempts = At(history, "ParallelStateStarted");
            Assert.Equal(3, attempts.Count); // the first try and two retries
            Assert.All(attempts.Zip(attempts.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= 360, $"a back-off of {gap} s"));

            var health = await client.HealthAsync();
            Assert.Equal(Scale, health["clock"]!["timeScale"]!.GetValue<double>());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task TimeoutSeconds_runs_on_the_scaled_clock()
    {
        var data = Directory.CreateTempSubdirectory("batchkit-time-scale-").FullName;
        try
        {
            await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = data, Ephemeral = true, TimeScale = Scale });
            using var client = new EndpointClient(host.ServiceUrl);
            var api = StatesApi.Of(client);
            var activity = await api.CreateActivityAsync("never-answered");
            var machine = await api.CreateMachineAsync("timeouts", """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "ACTIVITY", "TimeoutSeconds": 600, "End": true}}}
                """.Replace("ACTIVITY", activity, StringComparison.Ordinal));

            var done = await api.WaitAsync(await api.StartAsync(machine)); // no worker ever takes the task

            Assert.Equal(("FAILED", "States.Timeout"), (done["status"]!.GetValue<string>(), done["error"]!.GetValue<string>()));
            Assert.True(Lasted(done) >= 600, $"the timed-out execution lasted {Lasted(done)} s");

        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task HeartbeatSeconds_run_on_the_scaled_clock()
    {
        var data = Directory.CreateTempSubdirectory("batchkit-time-scale-").FullName;
        try
        {
            // At 100x the two-minute heartbeat is 1.2 s of real time. Its clock starts when the task is scheduled, and no
            // worker ever sends a heartbeat (none takes the task: a busy machine could not be relied on to take it in time).
            await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = data, Ephemeral = true, TimeScale = 100 });
            using var client = new EndpointClient(host.ServiceUrl);
            var api = StatesApi.Of(client);
            var activity = await api.CreateActivityAsync("silent-worker");
            var machine = await api.CreateMachineAsync("heartbeats", """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "ACTIVITY", "HeartbeatSeconds": 120, "TimeoutSeconds": 3600, "End": true}}}
                """.Replace("ACTIVITY", activity, StringComparison.Ordinal));
            var silent = await api.WaitAsync(await api.StartAsync(machine)); // 60 s at most: less than the two minutes in real time

            Assert.Equal(("FAILED", "States.HeartbeatTimeout"), (silent["status"]!.GetValue<string>(), silent["error"]!.GetValue<string>()));
            Assert.True(Lasted(silent) >= 120, $"the silent execution lasted {Lasted(silent)} s");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_default_is_real_time_and_a_bad_scale_is_refused_at_start_with_its_value()
    {
        var data = Directory.CreateTempSubdirectory("batchkit-time-scale-").FullName;
        try
        {
            await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = data, Ephemeral = true });
            using var client = new EndpointClient(host.ServiceUrl);
            var clock = (await client.HealthAsync())["clock"]!;
            Assert.Equal(1, clock["timeScale"]!.GetValue<double>());
            Assert.InRange(DateTimeOffset.Parse(clock["now"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

            var refused = await Assert.ThrowsAsync<TimeoutException>(() => EmulatorProcess.StartAsync(data, "--time-scale", "0"));
            Assert.Contains("batchkit-emulator: --time-scale 0: expected a number above 0 and at most 100000", refused.Message, StringComparison.Ordinal);
            var notANumber = await Assert.ThrowsAsync<TimeoutException>(() => EmulatorProcess.StartAsync(data, "--time-scale", "fast"));
            Assert.Contains("batchkit-emulator: --time-scale 'fast': expected a number", notANumber.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<ArgumentException>(() => EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = data, TimeScale = double.NaN }));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void The_scaled_clock_moves_N_times_faster_and_its_timers_fire_N_times_sooner()
    {
        var real = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z", CultureInfo.InvariantCulture));
        var clock = new ScaledTimeProvider(1000, real);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        real.Advance(TimeSpan.FromSeconds(3.5));
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T10:58:20Z", CultureInfo.InvariantCulture), clock.GetUtcNow());
        Assert.Equal(0, fired);
        real.Advance(TimeSpan.FromMilliseconds(100)); // 3.6 s: the hour, but a timer may fire a millisecond early, so one more
        Assert.Equal(0, fired);
        real.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);

        timer.Change(TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        real.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(1, fired);
        real.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, fired);
        Assert.Same(real, ScaledTimeProvider.For(1, real));
    }

    private static double Lasted(JsonObject execution) => execution["stopDate"]!.GetValue<double>() - execution["startDate"]!.GetValue<double>();

    private static List<double> At(List<JsonObject> history, string type) =>
        [.. history.Where(e => e["type"]!.GetValue<string>() == type).Select(e => e["timestamp"]!.GetValue<double>())];
}

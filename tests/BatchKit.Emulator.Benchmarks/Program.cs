using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Emulator;

// Start-up to healthy (a separate process, as `make up` starts it), and S3 PUT/GET throughput with the real SDK.
var dir = Directory.CreateTempSubdirectory("batchkit-emulator-bench-").FullName;
try
{
    await StartupAsync(dir);
    await ThroughputAsync(dir);
}
finally
{
    Directory.Delete(dir, recursive: true);
}

static async Task StartupAsync(string dir)
{
    var exe = Path.Combine(AppContext.BaseDirectory, "BatchKit.Emulator");
    var times = new List<double>();
    using var http = new HttpClient();
    for (var run = 0; run < 5; run++)
    {
        var port = 15566 + run;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(exe, ["--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", Path.Combine(dir, "startup")]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/_batchkit/health"))).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(5);
            }
        }

        times.Add(clock.Elapsed.TotalMilliseconds);
        process.Kill();
        await process.WaitForExitAsync();
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start-up to healthy (process start to 200 on /_batchkit/health), 5 runs: median {times.Order().ElementAt(2):N0} ms, min {times.Min():N0} ms, max {times.Max():N0} ms"));
}

static async Task ThroughputAsync(string dir)
{
    await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = Path.Combine(dir, "s3") });
    using var s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = host.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    await s3.PutBucketAsync("bench");

    foreach (var (label, size, count) in new[] { ("1 KB", 1024, 2000), ("64 MB", 64 * 1024 * 1024, 4) })
    {
        var data = new byte[size];
        Random.Shared.NextBytes(data);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "bench", Key = $"{label}/{i}", InputStream = new MemoryStream(data) });
        }

        var put = clock.Elapsed.TotalSeconds;
        clock.Restart();
        for (var i = 0; i < count; i++)
        {
            using var response = await s3.GetObjectAsync("bench", $"{label}/{i}");
            await response.ResponseStream.CopyToAsync(Stream.Null);
        }

        var get = clock.Elapsed.TotalSeconds;
        var mb = (double)size * count / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"S3 {label,-6} x {count,5}: PUT {count / put,8:N0} obj/s {mb / put,8:N1} MB/s   GET {count / get,8:N0} obj/s {mb / get,8:N1} MB/s"));
    }
}

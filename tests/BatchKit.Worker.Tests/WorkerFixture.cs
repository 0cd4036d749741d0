using System.IO.Compression;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Emulator;

namespace BatchKit.Worker.Tests;

/// <summary>The embedded emulator with the real day01 store files in a bucket.</summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public const string Bucket = "batchkit-sales";

    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-worker-").FullName;

    public EmulatorHost Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = _data });
        using var s3 = S3();
        await s3.PutBucketAsync(Bucket);
        using var zip = ZipFile.OpenRead(RepositoryPaths.SharedFile("data", "online-retail", "day01.zip"));
        foreach (var entry in zip.Entries)
        {
            await using var stream = entry.Open();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            copy.Position = 0;
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "processed/day01/" + entry.Name, InputStream = copy });
        }

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "processed/bad/store_2000.json", ContentBody = """[{"InvoiceNo": "1", "StockCode": "A", "Description": "", "Quantity": "2", "InvoiceDate": "01-12-2010 8:45", "UnitPrice": "abc", "CustomerID": "", "Country": "UK"}]""" });
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    public AmazonS3Client S3() => LocalAws.S3(Emulator.ServiceUrl);

    /// <summary>The thin S3 client the worker reads with, pointed at the emulator.</summary>
    public Aws.S3.S3Client Reader() => new(LocalAws.ClientOptions(Emulator.ServiceUrl) with { MaxAttempts = 1 });
}

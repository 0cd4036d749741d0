using System.Text;
using System.Xml;
using System.Xml.Linq;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// Bucket configurations (versioning, tagging, CORS, lifecycle) as one XML file each in the bucket's
/// <c>configuration</c> folder, written atomically and fsynced before the answer like objects are, and removed with
/// the bucket. A file that no longer parses is quarantined and reads as no configuration.
/// </summary>
internal sealed partial class S3Store
{
    public XElement? GetConfiguration(string bucket, S3BucketSubresource subresource)
    {
        var path = ConfigurationPath(bucket, subresource);
        lock (Index(bucket)) // the bucket's index doubles as the lock of its configuration files; NoSuchBucket when gone
        {
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                return XElement.Parse(File.ReadAllText(path));
            }
            catch (XmlException e)
            {
                _data.Quarantine(path, $"unreadable S3 bucket configuration: {e.Message}");
                return null;
            }
        }
    }

    public void PutConfiguration(string bucket, S3BucketSubresource subresource, XElement document)
    {
        var path = ConfigurationPath(bucket, subresource);
        lock (Index(bucket)) // the bucket's index doubles as the lock of its configuration files; NoSuchBucket when gone
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            DurableFile.WriteAtomic(path, Encoding.UTF8.GetBytes(document.ToString(SaveOptions.DisableFormatting)), _data.Durable);
        }
    }

    /// <summary>False when the bucket had no such configuration.</summary>
    public bool DeleteConfiguration(string bucket, S3BucketSubresource subresource)
    {
        lock (Index(bucket)) // the bucket's index doubles as the lock of its configuration files; NoSuchBucket when gone
        {
            return DurableFile.Delete(ConfigurationPath(bucket, subresource), _data.Durable);
        }
    }

    private string ConfigurationPath(string bucket, S3BucketSubresource subresource) =>
        Path.Combine(BucketDirectory(bucket), "configuration", subresource.ToString().ToLowerInvariant() + ".xml");
}

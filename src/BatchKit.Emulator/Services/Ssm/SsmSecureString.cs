using System.Security.Cryptography;
using System.Text;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>
/// SecureString values are kept encrypted (AES-GCM, with a key made from the emulator's secret, standing in for the
/// AWS-managed KMS key alias/aws/ssm) and returned as that ciphertext unless the caller asks WithDecryption, as
/// SSM does: a program that forgets WithDecryption gets an unusable value locally too, not the secret in clear.
/// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html
/// </summary>
internal sealed class SsmSecureString(string secret)
{
    public const string DefaultKeyId = "alias/aws/ssm";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "batchkit-ssm-securestring"u8);

    /// <summary>base64(nonce ‖ tag ‖ ciphertext), bound to the parameter's name.</summary>
    public string Encrypt(string name, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var tag = new byte[TagBytes];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(_key, TagBytes))
        {
            aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(name));
        }

        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Decrypt(string name, string stored)
    {
        var bytes = Convert.FromBase64String(stored);
        var plain = new byte[bytes.Length - NonceBytes - TagBytes];
        using (var aes = new AesGcm(_key, TagBytes))
        {
            var nonce = bytes.AsSpan(0, NonceBytes);
            var cipher = bytes.AsSpan(NonceBytes + TagBytes);
            var tag = bytes.AsSpan(NonceBytes, TagBytes);
            aes.Decrypt(nonce, cipher, tag, plain, Encoding.UTF8.GetBytes(name));
        }

        return Encoding.UTF8.GetString(plain);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace NotesGuard.Conversations.State.KeyRing;

/// <summary>
/// Encrypts each Data Protection key with a fresh AES-256-GCM content key, and that content key with the Key Vault
/// key (envelope encryption): what is stored is useless without the vault.
/// </summary>
public sealed class KeyVaultXmlEncryptor(KeyVaultKeyWrapper vault) : IXmlEncryptor
{
    internal const string ElementName = "keyVaultEncryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var contentKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
            var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[AesGcm.TagByteSizes.MaxSize];
            using (var aes = new AesGcm(contentKey, tag.Length))
            {
                aes.Encrypt(nonce, plaintext, ciphertext, tag);
            }

            var (kid, wrapped) = vault.Wrap(contentKey);
            var element = new XElement(
                ElementName,
                new XAttribute("kid", kid),
                new XElement("wrappedKey", Convert.ToBase64String(wrapped)),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("tag", Convert.ToBase64String(tag)),
                new XElement("value", Convert.ToBase64String(ciphertext)));
            return new EncryptedXmlInfo(element, typeof(KeyVaultXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }
}

/// <summary>Reverses <see cref="KeyVaultXmlEncryptor"/>; Data Protection creates it by type, with the app's services.</summary>
public sealed class KeyVaultXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var vault = services.GetService<KeyVaultKeyWrapper>()
            ?? throw new InvalidOperationException("The Data Protection key ring is wrapped with Key Vault, but DataProtection:KeyVaultKeyId is not set.");
        var kid = (string?)encryptedElement.Attribute("kid") ?? throw new CryptographicException("The wrapped key names no Key Vault key.");
        var contentKey = vault.Unwrap(kid, Convert.FromBase64String((string)encryptedElement.Element("wrappedKey")!));
        try
        {
            var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
            var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
            var ciphertext = Convert.FromBase64String((string)encryptedElement.Element("value")!);
            var plaintext = new byte[ciphertext.Length];
            using (var aes = new AesGcm(contentKey, tag.Length))
            {
                aes.Decrypt(nonce, ciphertext, tag, plaintext);
            }

            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }
}

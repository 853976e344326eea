using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace TimeToken.Core.Signing;

/// <summary>
/// Turns a key ring into text encrypted with ASP.NET Core Data Protection, and back. In Orchard Core the protector
/// comes from the tenant's own Data Protection keys, so a settings export or a database dump carries no usable key.
/// </summary>
internal static class KeyRingProtector
{
    /// <summary>The Data Protection purpose of stored key rings. Unique and versioned.</summary>
    public const string Purpose = "TimeToken.KeyRing.v1";

    /// <summary>Serialises and encrypts <paramref name="keyRing"/>.</summary>
    /// <param name="keyRing">The ring.</param>
    /// <param name="provider">The application's (or tenant's) Data Protection provider.</param>
    /// <returns>The protected text.</returns>
    public static string Protect(KeyRing keyRing, IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(keyRing);
        ArgumentNullException.ThrowIfNull(provider);
        var json = JsonSerializer.SerializeToUtf8Bytes(keyRing);
        try
        {
            return Convert.ToBase64String(provider.CreateProtector(Purpose).Protect(json));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
    }

    /// <summary>Decrypts and reads a protected key ring.</summary>
    /// <param name="protectedText">The text made by <see cref="Protect"/>.</param>
    /// <param name="provider">The application's (or tenant's) Data Protection provider.</param>
    /// <param name="keyRing">The ring, when it could be read.</param>
    /// <param name="failure">A short reason, without any secret, when it could not.</param>
    /// <returns>Whether the ring could be read.</returns>
    public static bool TryUnprotect(
        string? protectedText,
        IDataProtectionProvider provider,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KeyRing? keyRing,
        out string failure)
    {
        ArgumentNullException.ThrowIfNull(provider);
        keyRing = null;
        failure = string.Empty;
        if (string.IsNullOrEmpty(protectedText))
        {
            failure = "none stored";
            return false;
        }

        byte[]? json = null;
        try
        {
            json = provider.CreateProtector(Purpose).Unprotect(Convert.FromBase64String(protectedText));
            keyRing = JsonSerializer.Deserialize<KeyRing>(json);
            if (keyRing is null)
            {
                failure = "empty key ring";
                return false;
            }

            return true;
        }
        catch (FormatException)
        {
            failure = "not base64";
        }
        catch (CryptographicException)
        {
            failure = "cannot be decrypted with this tenant's Data Protection keys";
        }
        catch (JsonException)
        {
            failure = "not a key ring";
        }
        catch (ArgumentException)
        {
            failure = "invalid keys";
        }
        finally
        {
            if (json is not null)
            {
                CryptographicOperations.ZeroMemory(json);
            }
        }

        return false;
    }
}

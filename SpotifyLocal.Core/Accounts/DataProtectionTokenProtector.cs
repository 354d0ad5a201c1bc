using Microsoft.AspNetCore.DataProtection;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// Encrypts tokens with ASP.NET Core Data Protection (AES-256-CBC + HMACSHA256, keys rotated every 90 days,
/// old keys kept for decryption). The key ring lives in <c>Spotify:TokenKeyDirectory</c>; if it is lost,
/// stored tokens cannot be decrypted and every linked user is asked to /link again (plays are kept).
/// </summary>
public sealed class DataProtectionTokenProtector(IDataProtectionProvider provider) : ITokenProtector
{
    /// <summary>The purpose string isolates these ciphertexts from any other Data Protection use.</summary>
    public const string Purpose = "SpotifyLocal.SpotifyTokens.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);
}

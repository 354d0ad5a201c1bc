namespace SpotifyLocal.Core.Accounts;

/// <summary>Encrypts Spotify tokens before they are stored and decrypts them for use.</summary>
public interface ITokenProtector
{
    string Protect(string plaintext);

    /// <summary>Decrypts a value made by <see cref="Protect"/>; throws <see cref="System.Security.Cryptography.CryptographicException"/> when the key does not match.</summary>
    string Unprotect(string protectedValue);
}

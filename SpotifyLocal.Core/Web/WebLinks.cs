using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// Personal <c>/web</c> links: a Data Protection–signed and encrypted token naming one chat identity, a
/// random nonce and its expiry. A link opens once (the nonce is spent) and only before it expires; opening
/// it starts a <see cref="WebSessions"/> session, so the token never has to stay in a URL.
/// </summary>
public sealed class WebLinks(IDataProtectionProvider protection, TimeProvider time, IOptions<WebOptions> options, IServiceProvider services)
{
    public const string Purpose = "SpotifyLocal.WebLink.v1";

    public const string OpenPath = "/web/open";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spent = new(StringComparer.Ordinal);

    /// <summary>The personal link for the identity, valid for <see cref="WebOptions.LinkLifetime"/>.</summary>
    public string CreateLink(ChatIdentity identity)
    {
        var nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var expires = time.GetUtcNow() + options.Value.LinkLifetime;
        var token = _protector.Protect($"{nonce}|{expires.ToUnixTimeSeconds()}|{identity.LocalUserId}");
        return $"{BaseUrl()}{OpenPath}?t={Uri.EscapeDataString(token)}";
    }

    /// <summary>The identity a link names, spending it; null when it is forged, expired or already used.</summary>
    public ChatIdentity? Open(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string plain;
        try
        {
            plain = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = plain.Split('|', 3);
        if (parts.Length != 3 || !long.TryParse(parts[1], out var seconds) || !ChatIdentity.TryParse(parts[2], out var identity))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        foreach (var (spent, until) in _spent)
        {
            if (until < now)
            {
                _spent.TryRemove(spent, out _);
            }
        }

        return expires > now && _spent.TryAdd(parts[0], expires) ? identity : null;
    }

    /// <summary><see cref="WebOptions.PublicBaseUrl"/>, else the first address the server listens on.</summary>
    public string BaseUrl()
    {
        var configured = options.Value.PublicBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (address ?? "http://127.0.0.1:8888").TrimEnd('/');
    }
}

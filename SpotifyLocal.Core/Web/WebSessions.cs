using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>One signed-in browser: the chat identity it acts as, its CSRF token and when it ends.</summary>
public sealed record WebSession(string Id, ChatIdentity Identity, string CsrfToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Sessions started by opening a <c>/web</c> link, kept in memory (a restart signs everyone out; a new
/// <c>/web</c> link signs in again). The id is 256 random bits and only ever travels in the cookie.
/// </summary>
public sealed class WebSessions(TimeProvider time, IOptions<WebOptions> options)
{
    public const string CookieName = "spotifylocal_session";

    private readonly ConcurrentDictionary<string, WebSession> _sessions = new(StringComparer.Ordinal);

    public WebSession Start(ChatIdentity identity)
    {
        var session = new WebSession(NewSecret(), identity, NewSecret(), time.GetUtcNow() + options.Value.SessionLifetime);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The live session with this id, or null (unknown or expired; an expired one is dropped).</summary>
    public WebSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (session.ExpiresAt > time.GetUtcNow())
        {
            return session;
        }

        _sessions.TryRemove(id, out _);
        return null;
    }

    public void End(string id) => _sessions.TryRemove(id, out _);

    /// <summary>Ends every session of an identity (after /forget).</summary>
    public void EndAll(ChatIdentity identity)
    {
        foreach (var session in _sessions.Values.Where(s => s.Identity == identity))
        {
            _sessions.TryRemove(session.Id, out _);
        }
    }

    private static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}

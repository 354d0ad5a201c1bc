namespace SpotifyLocal.Core.Storage;

/// <summary>A person on one chat platform: (<c>discord</c>, user snowflake), (<c>telegram</c>, user id), (<c>console</c>, local).</summary>
public sealed record ChatIdentity(string Platform, string ChatUserId)
{
    public const string Discord = "discord";
    public const string Telegram = "telegram";
    public const string Console = "console";

    /// <summary>The user id plays are stored under while this identity has no linked Spotify account.</summary>
    public string LocalUserId => $"{Platform}:{ChatUserId}";

    public override string ToString() => LocalUserId;

    /// <summary>Reads <c>platform:chatUserId</c> for a known platform (case-insensitive); anything else is not an identity.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ChatIdentity? identity)
    {
        identity = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var platform = text[..colon].ToLowerInvariant();
        if (platform is not (Discord or Telegram or Console))
        {
            return false;
        }

        identity = new ChatIdentity(platform, text[(colon + 1)..]);
        return true;
    }
}

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
}

namespace SpotifyLocal.Core.Storage;

/// <summary>
/// What the extended streaming history says about how a play happened; each part is null when the export left it out.
/// Tracked and account-data plays have no context at all (<see cref="Play.Context"/> is null): unknown, not "no".
/// </summary>
public sealed record PlayContext(
    bool? Skipped,
    string? ReasonStart,
    string? ReasonEnd,
    bool? Shuffle,
    string? Platform,
    bool? Offline)
{
    /// <summary>The context, or null when the export said nothing about it (so stored and rebuilt plays compare equal).</summary>
    public static PlayContext? OrNull(bool? skipped, string? reasonStart, string? reasonEnd, bool? shuffle, string? platform, bool? offline) =>
        skipped is null && reasonStart is null && reasonEnd is null && shuffle is null && platform is null && offline is null
            ? null
            : new PlayContext(skipped, reasonStart, reasonEnd, shuffle, platform, offline);
}

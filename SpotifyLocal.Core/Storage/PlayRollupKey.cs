namespace SpotifyLocal.Core.Storage;

/// <summary>
/// One rollup row's identity: a user, a top-list kind, the kind's grouping key and one spelling of it (the name and,
/// for tracks and albums, the artist; <see cref="string.Empty"/> for artists, so the identity has no null part).
/// </summary>
public sealed record PlayRollupKey(string UserId, TopKind Kind, string Key, string Name, string Artist);

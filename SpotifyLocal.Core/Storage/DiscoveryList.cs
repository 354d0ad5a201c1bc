namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The tracks or artists first played in a range: how many there are, and the most-played of them, counting all their
/// plays since (<see cref="TopItem.FirstPlayedAt"/> is the first play ever).
/// </summary>
public sealed record DiscoveryList(int Total, IReadOnlyList<TopItem> Items)
{
    public static DiscoveryList Empty { get; } = new(0, []);
}

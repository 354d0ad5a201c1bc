namespace SpotifyLocal.Tests.Fakes;

/// <summary>One Spotify account on the fake: profile, allow-list flag and play history.</summary>
public sealed class FakeSpotifyAccount(string id, string displayName)
{
    public string Id { get; } = id;

    public string AccountId { get; } = "acct-" + id;

    public string DisplayName { get; } = displayName;

    public bool AllowListed { get; set; } = true;

    public List<FakeSpotifyPlay> Plays { get; } = [];
}

namespace SpotifyLocal.Tests.Fakes;

/// <summary>One request the fake Spotify received (the form's grant type for token calls).</summary>
public sealed record FakeSpotifyRequest(string Method, string Path, string Query, string? GrantType, string? UserAgent, DateTimeOffset At);

namespace SpotifyLocal.Tests.Fakes;

/// <summary>
/// An interaction answer as users see it in the fake Discord: its text, the first embed's description, whether only the
/// invoker sees it, and whether it is still the "thinking…" placeholder of a deferral.
/// </summary>
public sealed record FakeDiscordMessage(string Content, string? EmbedDescription, bool Ephemeral, bool Thinking);

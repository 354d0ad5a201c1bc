namespace SpotifyLocal.Tests.Fakes;

/// <summary>A file part of a multipart request the fake Discord received.</summary>
public sealed record FakeDiscordFile(string PartName, string FileName, string? ContentType, byte[] Content);

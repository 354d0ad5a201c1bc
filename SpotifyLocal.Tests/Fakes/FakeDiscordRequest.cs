using System.Text.Json;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>A REST request the fake Discord received. For multipart bodies <see cref="Body"/> is the payload_json part.</summary>
public sealed record FakeDiscordRequest(
    string Method,
    string Path,
    string? Authorization,
    string? UserAgent,
    string? ContentType,
    string? Body,
    IReadOnlyList<FakeDiscordFile> Files)
{
    public JsonElement Json => JsonDocument.Parse(Body ?? "null").RootElement;

    public bool IsMultipart => ContentType?.StartsWith("multipart/form-data", StringComparison.Ordinal) == true;
}

namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>A file uploaded with a message as the <c>files[n]</c> multipart part.</summary>
public sealed record DiscordFile(string FileName, ReadOnlyMemory<byte> Content, string ContentType = "image/png");

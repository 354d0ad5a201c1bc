namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// What a command answers, whatever the platform: text (a caption when there is an image), an optional PNG
/// chart, whether only the caller may see it, and optional buttons. Each adapter renders it its own way.
/// </summary>
public sealed record BotReply(string Text)
{
    public string? Title { get; init; }

    public byte[]? Png { get; init; }

    public string PngFileName { get; init; } = "chart.png";

    /// <summary>Only the caller sees it (Discord ephemeral; Telegram and console chats are private anyway).</summary>
    public bool Private { get; init; }

    /// <summary>An error or usage message rather than a result.</summary>
    public bool IsError { get; init; }

    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    public static BotReply Error(string text) => new(text) { Private = true, IsError = true };
}

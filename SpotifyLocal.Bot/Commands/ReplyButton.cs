namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// A button under a reply: either runs a command (<see cref="CommandText"/>, e.g. <c>/top week artists</c>,
/// at most 64 bytes so Telegram's callback data can carry it) or opens <see cref="Url"/>.
/// </summary>
public sealed record ReplyButton(string Label, string? CommandText = null, string? Url = null)
{
    public static ReplyButton Command(string label, string commandText) => new(label, CommandText: commandText);

    public static ReplyButton Link(string label, string url) => new(label, Url: url);
}

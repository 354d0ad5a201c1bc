namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// <c>/compare @member [period]</c>: the caller's taste overlap with another member of a Discord server, both visible
/// there. <see cref="TargetName"/> is the member's name in the server when the platform resolved it.
/// </summary>
public sealed record CompareCommand(string TargetChatUserId, string Period, string? TargetName = null) : BotCommand
{
    public override string Name => "compare";

    public override bool IsExpensive => true;

    /// <summary>The command text that reproduces this view (for buttons): the member by id, so it fits Telegram's 64 bytes.</summary>
    public static string Text(string targetChatUserId, string period) => $"/compare {targetChatUserId} {period}";

    /// <summary>A member as typed: a Discord mention (<c>&lt;@123&gt;</c>, <c>&lt;@!123&gt;</c>), <c>@name</c> or a bare id.</summary>
    public static string MemberOf(string text) =>
        text.StartsWith("<@", StringComparison.Ordinal) && text.EndsWith('>') ? text[2..^1].TrimStart('!') : text.TrimStart('@');
}

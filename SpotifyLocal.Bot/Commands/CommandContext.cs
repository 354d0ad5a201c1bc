using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// Who runs a command and where: the caller's chat identity and name, the server (Discord guild) if any
/// with the caller's rights there, and where long-running work reports progress.
/// </summary>
public sealed record CommandContext(ChatIdentity Caller)
{
    public string? CallerName { get; init; }

    /// <summary>The Discord guild id when the command was run in a server; null in private chats.</summary>
    public string? ServerId { get; init; }

    /// <summary>The caller may change server settings (Discord Manage Server).</summary>
    public bool CallerManagesServer { get; init; }

    public IProgress<CommandProgress>? Progress { get; init; }
}

using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>The default <see cref="IChatNotifier"/> when no chat adapter registered one: writes the notice to the log.</summary>
public sealed partial class LoggingChatNotifier(ILogger<LoggingChatNotifier> logger) : IChatNotifier
{
    public Task NotifyAsync(ChatIdentity to, ChatNotice notice, CancellationToken cancellationToken)
    {
        LogNotice(logger, to, notice.Text);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No chat adapter can deliver this notice to {Identity}: {Text}")]
    private static partial void LogNotice(ILogger logger, ChatIdentity identity, string text);
}

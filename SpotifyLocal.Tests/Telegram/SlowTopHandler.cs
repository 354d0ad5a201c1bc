using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Bot.Commands;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>A /top handler that takes <paramref name="duration"/> on the fake clock (a slow chart), then answers like <see cref="StandInTopHandler"/>.</summary>
public sealed class SlowTopHandler(FakeTimeProvider time, TimeSpan duration) : ICommandHandler<TopCommand>
{
    public Task<BotReply> HandleAsync(TopCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        time.Advance(duration);
        return new StandInTopHandler().HandleAsync(command, context, cancellationToken);
    }
}

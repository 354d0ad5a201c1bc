using SpotifyLocal.Bot.Commands;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>
/// Stands in for the /top handler so the photo path can be checked on its own: a fixed "PNG" per period,
/// a ranked caption and period buttons, like the real handler's reply.
/// </summary>
public sealed class StandInTopHandler : ICommandHandler<TopCommand>
{
    public static byte[] PngFor(string period) => [0x89, 0x50, 0x4E, 0x47, .. System.Text.Encoding.ASCII.GetBytes(period)];

    public Task<BotReply> HandleAsync(TopCommand command, CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new BotReply($"1. Song A ({command.Period})\n2. Song B")
        {
            Title = $"Top {command.Kind.ToString().ToLowerInvariant()}, {command.Period}",
            Png = PngFor(command.Period),
            PngFileName = "top.png",
            Buttons =
            [
                ReplyButton.Command("Week", CommandParser.TopText("week", command.Kind)),
                ReplyButton.Command("Month", CommandParser.TopText("month", command.Kind)),
                ReplyButton.Link("Open Spotify", "https://open.spotify.com/"),
            ],
        });
}

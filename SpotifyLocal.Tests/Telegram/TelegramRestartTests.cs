using Microsoft.Extensions.DependencyInjection;
using SpotifyLocal.Bot.Commands;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>
/// getUpdates confirms every update below its offset (core.telegram.org/bots/api#getupdates): the bot confirms only
/// handled updates, so one in hand at a restart or crash is delivered again and answered.
/// </summary>
public sealed class TelegramRestartTests
{
    // An interval no other timer of the bot uses, so the test can tell when the poll loop waits on it.
    private static readonly TimeSpan InHandInterval = TimeSpan.FromMilliseconds(1_234);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Telegram:ShutdownGracePeriod"] = "00:00:00",
        ["Telegram:InHandPollInterval"] = "00:00:01.234",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_update_in_hand_when_the_bot_stops_is_answered_after_the_restart()
    {
        var stuck = new GatedHelpHandler();
        await using var bot = await TelegramBotHarness.StartAsync(Ct, settings: Settings, configure: services => services.AddSingleton<ICommandHandler<HelpCommand>>(stuck));
        var id = bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));
        await stuck.Entered.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        // Another chat's update arrives while /help is in hand: the loop polls again after the in-hand interval.
        await bot.Time.WaitForTimerAsync(InHandInterval, Ct);
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/timezone", userId: 77));
        bot.Time.Advance(InHandInterval);
        await bot.Api.WaitForCallAsync("sendMessage", c => c.Text("chat_id") == "77", Ct);
        var offsetsBeforeRestart = bot.Api.Calls.Where(c => c.Method == "getUpdates").Select(c => c.Text("offset")).ToList();

        await bot.RestartAsync(Ct);
        await bot.Api.WaitForCallAsync("sendMessage", c => c.Text("chat_id") == TelegramUpdates.UserId.ToString() && c.Text("text")!.Contains("/weekly"), Ct);

        Assert.True(stuck.Cancelled);
        // While /help was in hand no offset passed it, though the later /timezone was answered meanwhile.
        Assert.All(offsetsBeforeRestart, offset => Assert.True(offset is null || int.Parse(offset) <= id, $"offset {offset} confirmed update {id} in hand"));
        // /timezone was answered before the restart. Its id is above /help's, and an offset confirms every update below it,
        // so it is confirmed only together with /help: the restarted bot may answer it once more (at least once, never lost).
        Assert.Contains(bot.Api.Calls, c => c.Method == "sendMessage" && c.Text("chat_id") == "77");
    }

    [Fact]
    public async Task An_update_that_finishes_within_the_grace_period_is_confirmed_and_not_handled_again()
    {
        var slow = new GatedHelpHandler();
        await using var bot = await TelegramBotHarness.StartAsync(Ct, configure: services => services.AddSingleton<ICommandHandler<HelpCommand>>(slow));
        var help = bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));
        await slow.Entered.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var stopping = bot.RestartAsync(Ct);
        slow.Release();
        await stopping;
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/timezone"));
        await bot.Api.WaitForCallAsync("sendMessage", c => c.Text("text")!.Contains("UTC", StringComparison.Ordinal), Ct);

        Assert.False(slow.Cancelled);
        Assert.Equal(1, slow.Calls);
        Assert.Single(bot.Api.Calls, c => c.Method == "sendMessage" && c.Text("text") == GatedHelpHandler.Answer);
        Assert.Contains(bot.Api.Calls, c => c.Method == "getUpdates" && c.Text("offset") == (help + 1).ToString());
    }

    /// <summary>A /help that waits until released (or cancelled): an update still in hand.</summary>
    private sealed class GatedHelpHandler : ICommandHandler<HelpCommand>
    {
        public const string Answer = "help, finally";

        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public bool Cancelled { get; private set; }

        public int Calls { get; private set; }

        public void Release() => _release.TrySetResult();

        public async Task<BotReply> HandleAsync(HelpCommand command, CommandContext context, CancellationToken cancellationToken)
        {
            Calls++;
            _entered.TrySetResult();
            try
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }

            return new BotReply(Answer);
        }
    }
}

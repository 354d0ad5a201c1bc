using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Console;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Console;

public sealed class ConsoleAdapterTests : IAsyncDisposable
{
    private readonly TestBot _bot = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Scripted_input_runs_each_line_prints_replies_and_stops_the_host_at_the_end()
    {
        var (output, lifetime) = await RunScriptAsync("/help", "timezone Asia/Tokyo", "/bogus", "", "/top month everything else");

        Assert.Contains("/top [week|month|year|all", output, StringComparison.Ordinal);
        Assert.Contains("Time zone set to Asia/Tokyo", output, StringComparison.Ordinal);
        Assert.Contains("Unknown command /bogus. Try /help.", output, StringComparison.Ordinal);
        Assert.Contains("Usage: /top", output, StringComparison.Ordinal);
        lifetime.Received(1).StopApplication();
        var user = await _bot.Get<AccountLifecycleService>().GetUserAsync(new ChatIdentity(ChatIdentity.Console, "local"), Ct);
        Assert.Equal("Asia/Tokyo", user.TimeZone);
    }

    [Fact]
    public async Task Quit_stops_reading_further_lines()
    {
        var (output, lifetime) = await RunScriptAsync("/quit", "/help");

        Assert.DoesNotContain("/recent", output, StringComparison.Ordinal);
        lifetime.Received(1).StopApplication();
    }

    [Fact]
    public async Task Recent_lists_stored_plays_in_the_users_time_zone()
    {
        var identity = new ChatIdentity(ChatIdentity.Console, "local");
        await _bot.Get<IPlayStore>().InsertAsync([Plays.One(identity.LocalUserId, "Jóga", "Björk", "Homogenic", new DateTimeOffset(2026, 11, 1, 23, 30, 0, TimeSpan.Zero))], Ct);

        var (output, _) = await RunScriptAsync("/timezone Europe/Berlin", "/recent");

        Assert.Contains("2026-11-02 00:30  Björk — Jóga", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_asks_for_confirmation_before_deleting()
    {
        var identity = new ChatIdentity(ChatIdentity.Console, "local");
        await _bot.Get<IPlayStore>().InsertAsync(Plays.For(identity.LocalUserId).Count(3).Build(), Ct);

        var (asked, _) = await RunScriptAsync("/forget");
        Assert.Contains("/forget confirm", asked, StringComparison.Ordinal);
        Assert.Equal(3, await _bot.Get<IPlayStore>().CountAsync(PlayScope.AllTime(identity.LocalUserId), Ct));

        var (done, _) = await RunScriptAsync("/forget confirm");
        Assert.Contains("3 plays", done, StringComparison.Ordinal);
        Assert.Equal(0, await _bot.Get<IPlayStore>().CountAsync(PlayScope.AllTime(identity.LocalUserId), Ct));
    }

    [Fact]
    public async Task The_demo_export_imports_with_a_progress_line_per_batch_and_top_writes_a_chart_file()
    {
        var (output, _) = await RunScriptAsync($"/import {Samples.DemoExport()}", "/top all artists");

        Assert.Contains("Imported demo-export.zip: 3,201 new plays, 0 already stored, 111 podcast/audiobook entries stored apart (111 new, 0 already stored), 288 left out (of 3,600 entries).", output, StringComparison.Ordinal);
        Assert.Contains("[##############################] 100 % 3,600 of 3,600 entries", output, StringComparison.Ordinal);
        var chart = output.Split('\n').Single(l => l.StartsWith("Chart written to ", StringComparison.Ordinal))["Chart written to ".Length..].Trim();
        using var bitmap = SkiaSharp.SKBitmap.Decode(chart);
        Assert.Equal(1200, bitmap.Width);
        Assert.StartsWith(_bot.WorkDirectory, chart, StringComparison.Ordinal);
    }

    private async Task<(string Output, IHostApplicationLifetime Lifetime)> RunScriptAsync(params string[] lines)
    {
        var output = new StringWriter();
        var lifetime = Substitute.For<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Returns(new CancellationToken(canceled: true));
        var adapter = new ConsoleAdapter(
            _bot.Get<CommandDispatcher>(),
            new ConsoleStreams(new StringReader(string.Join('\n', lines) + "\n"), output, IsInteractive: false),
            _bot.Get<IOptions<ConsoleOptions>>(),
            lifetime,
            _bot.Time,
            NullLogger<ConsoleAdapter>.Instance);

        await adapter.StartAsync(Ct);
        await adapter.ExecuteTask!.WaitAsync(Ct);
        return (output.ToString(), lifetime);
    }
}

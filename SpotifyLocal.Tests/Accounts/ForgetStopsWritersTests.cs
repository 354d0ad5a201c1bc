using Microsoft.Extensions.DependencyInjection;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;
using SpotifyLocal.Core.Tracking;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Import;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Accounts;

/// <summary>/forget stops what is writing the person's data first: nothing a poll or an import was doing survives it.</summary>
public sealed class ForgetStopsWritersTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Telegram, "1001");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poll_in_flight_never_writes_plays_back_after_forget_in_any_interleaving()
    {
        var interleavings = new Interleavings();
        await using var host = await SpotifyTestHost.StartAsync(configure: services =>
            services.AddSingleton<IPlayStore>(provider => interleavings.Wrap<IPlayStore>(ActivatorUtilities.CreateInstance<SqlitePlayStore>(provider))));
        host.Spotify.AddAccount("alice");
        var plays = host.Get<IPlayStore>();
        var round = 0;

        var runs = await interleavings.RunAllAsync(
            async () =>
            {
                await host.LinkAsync(Alice, "alice");
                round++;
                host.Spotify.AddPlay("alice", $"new-{round}", $"New song {round}", "Band", SpotifyTestHost.Start.AddMinutes(round));
            },
            [
                async () =>
                {
                    try
                    {
                        await host.Get<RecentPlaysPoller>().PollAsync("alice", Ct);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or SpotifyRelinkRequiredException)
                    {
                        // Stopped by /forget, or it ran after it.
                    }
                },
                () => host.Get<AccountLifecycleService>().ForgetAsync(Alice, Ct),
            ],
            async schedule =>
            {
                Assert.True(await plays.CountAsync(PlayScope.AllTime("alice"), Ct) == 0, $"plays came back under schedule {schedule}");
                Assert.True(await host.Get<IUserStore>().GetAsync("alice", Ct) is null, $"the user came back under schedule {schedule}");
                Assert.Empty(await host.Get<IUserStore>().ListLinkedAsync(Ct));
            },
            Ct);

        Assert.True(runs >= 1);
    }

    [Fact]
    public async Task A_running_import_is_cancelled_before_forget_deletes_so_none_of_it_is_left()
    {
        var interleavings = new Interleavings();
        await using var bot = new TestBot(configure: services =>
            services.AddSingleton<IPlayStore>(provider => interleavings.Wrap<IPlayStore>(ActivatorUtilities.CreateInstance<SqlitePlayStore>(provider))));
        using var files = new ExportFiles();
        var export = files.Zip([.. new ExtendedHistoryBuilder(new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero)).Music(20).ToFiles(rowsPerFile: 20)]);

        var runs = await interleavings.RunAllAsync(
            () => Task.CompletedTask,
            [
                async () =>
                {
                    try
                    {
                        await bot.Get<ImportService>().ImportAsync(export, "export.zip", Alice.LocalUserId, null, Ct);
                    }
                    catch (ImportRejectedException)
                    {
                        // Stopped by /forget.
                    }
                },
                () => bot.Get<AccountLifecycleService>().ForgetAsync(Alice, Ct),
            ],
            async schedule =>
            {
                var left = await bot.Get<IPlayStore>().CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct);
                var jobs = await bot.Get<IImportJobStore>().ListForUserAsync(Alice.LocalUserId, Ct);
                // Either the import ran after /forget (and is all there) or /forget came after it started: then nothing is left.
                Assert.True(left == 0 || (left == 20 && jobs is [{ Status: ImportJobStatus.Completed }]), $"{left} plays and {jobs.Count} jobs left under schedule {schedule}");
                await bot.Get<AccountLifecycleService>().ForgetAsync(Alice, Ct);
            },
            Ct);

        Assert.True(runs >= 1);
    }
}

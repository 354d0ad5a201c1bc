using System.Globalization;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Tracking;

public sealed class RelinkReminderTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Discord, "111");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_are_reminded_once_three_days_before_the_six_month_token_death()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        await host.LinkAsync(Alice, "alice");
        var worker = host.Get<TrackingWorker>();
        var death = RelinkReminderService.TokenDeath(SpotifyTestHost.Start);

        host.Time.Advance(death - TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1) - host.Time.GetUtcNow());
        await worker.RunOnceAsync(Ct);
        var beforeLead = host.Notifier.Sent.Count;
        host.Time.Advance(TimeSpan.FromMinutes(2));
        await worker.RunOnceAsync(Ct);
        host.Time.Advance(TimeSpan.FromHours(1));
        await worker.RunOnceAsync(Ct);

        Assert.Equal(0, beforeLead);
        var reminder = Assert.Single(host.Notifier.Sent);
        Assert.Equal(Alice, reminder.To);
        Assert.True(reminder.Notice.OfferLink);
        Assert.Contains("20 May 2027", reminder.Notice.Text);
        Assert.Equal(LinkState.Linked, (await host.Get<IUserStore>().GetAsync("alice", Ct))!.LinkState);
    }

    [Fact]
    public async Task A_reminder_whose_delivery_times_out_does_not_stop_the_polls()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        await host.LinkAsync(Alice, "alice");
        host.Time.Advance(RelinkReminderService.TokenDeath(SpotifyTestHost.Start) - TimeSpan.FromDays(1) - host.Time.GetUtcNow());
        host.Spotify.AddPlay("alice", "t", "T", "Band", host.Time.GetUtcNow().AddSeconds(-40));
        host.Notifier.Failure = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.");

        await host.Get<TrackingWorker>().RunOnceAsync(Ct);

        Assert.Single(await host.Get<IPlayStore>().GetRecentAsync("alice", 10, Ct));
    }

    [Fact]
    public async Task A_failed_reminder_is_not_repeated_every_tick_and_does_not_stop_the_other_users_reminders()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var bob = new ChatIdentity(ChatIdentity.Telegram, "222");
        host.Spotify.AddAccount("alice");
        host.Spotify.AddAccount("bob");
        await host.LinkAsync(Alice, "alice");
        await host.LinkAsync(bob, "bob");
        host.Time.Advance(RelinkReminderService.TokenDeath(SpotifyTestHost.Start) - TimeSpan.FromDays(1) - host.Time.GetUtcNow());
        host.Notifier.Failure = new InvalidOperationException("chat platform down");

        await host.Get<TrackingWorker>().RunOnceAsync(Ct);
        host.Notifier.Failure = null;
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await host.Get<TrackingWorker>().RunOnceAsync(Ct);

        Assert.Empty(host.Notifier.Sent);
        var users = host.Get<IUserStore>();
        Assert.NotNull((await users.GetAsync("alice", Ct))!.RelinkReminderSentAt);
        Assert.NotNull((await users.GetAsync("bob", Ct))!.RelinkReminderSentAt);
    }

    [Fact]
    public async Task The_reminder_date_is_in_English_whatever_the_server_culture()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        await host.LinkAsync(Alice, "alice");
        host.Time.Advance(RelinkReminderService.TokenDeath(SpotifyTestHost.Start) - TimeSpan.FromDays(1) - host.Time.GetUtcNow());
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            await host.Get<TrackingWorker>().RunOnceAsync(Ct);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Contains("20 May 2027", Assert.Single(host.Notifier.Sent).Notice.Text);
    }
}

using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;
using SpotifyLocal.Tests.Fakes;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Tracking;

/// <summary>What recently-played really sends (PROTOCOLS.md, facts of 2026-12-02): late plays, odd items, and a cursor no import can break.</summary>
public sealed class RecentlyPlayedEdgeTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Discord, "111");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_play_listed_late_with_an_older_played_at_than_stored_plays_is_still_stored()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var start = SpotifyTestHost.Start;
        host.Spotify.AddAccount("alice");
        host.Spotify.AddPlay("alice", "early", "Early", "Band", start.AddMinutes(-10));
        // Ended before "later" but Spotify lists it only 40 minutes afterwards.
        host.Spotify.AddPlay("alice", "late", "Late", "Band", start.AddMinutes(-6), listedAt: start.AddMinutes(40));
        host.Spotify.AddPlay("alice", "later", "Later", "Band", start.AddMinutes(-2));
        await host.LinkAsync(Alice, "alice");
        var worker = host.Get<TrackingWorker>();
        await worker.RunOnceAsync(Ct);

        host.Time.Advance(TimeSpan.FromMinutes(45));
        await worker.RunOnceAsync(Ct);

        var stored = await host.Get<IPlayStore>().GetRecentAsync("alice", 10, Ct);
        Assert.Equal(["spotify:track:later", "spotify:track:late", "spotify:track:early"], stored.Select(p => p.TrackId));
    }

    [Fact]
    public async Task Odd_items_are_stored_or_skipped_one_by_one_and_every_poll_goes_on()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var start = SpotifyTestHost.Start;
        host.Spotify.AddAccount("alice");
        host.Spotify.AddPlay("alice", "ignored", "My Demo Tape", "Me Myself", start.AddMinutes(-20), 95_000, shape: FakeSpotifyItemShape.LocalFile);
        host.Spotify.AddPlay("alice", "gone", "Removed", "Band", start.AddMinutes(-16), shape: FakeSpotifyItemShape.NullTrack);
        host.Spotify.AddPlay("alice", "anon", "Nobody's Song", "Band", start.AddMinutes(-12), shape: FakeSpotifyItemShape.NoArtists);
        host.Spotify.AddPlay("alice", "garbled", "Garbled", "Band", start.AddMinutes(-10), shape: FakeSpotifyItemShape.Garbled);
        host.Spotify.AddPlay("alice", "whole", "Whole Seconds", "Band", start.AddMinutes(-8), shape: FakeSpotifyItemShape.WholeSeconds);
        await host.LinkAsync(Alice, "alice");
        var worker = host.Get<TrackingWorker>();
        await worker.RunOnceAsync(Ct);

        host.Spotify.AddPlay("alice", "next", "Next", "Band", start.AddMinutes(5));
        host.Time.Advance(TimeSpan.FromMinutes(20));
        await worker.RunOnceAsync(Ct);

        var stored = await host.Get<IPlayStore>().GetRecentAsync("alice", 10, Ct);
        Assert.Equal(
            [
                ("Next", "Band", start.AddMinutes(5)),
                ("Whole Seconds", "Band", start.AddMinutes(-8)),
                ("Nobody's Song", "Unknown artist", start.AddMinutes(-12)),
                ("My Demo Tape", "Me Myself", start.AddMinutes(-20)),
            ],
            stored.Select(p => (p.TrackName, p.ArtistName, p.PlayedAt)));
        Assert.Equal("spotify:local:Me+Myself:Album+of+Me+Myself:My+Demo+Tape:95", stored[^1].TrackId);
    }

    [Fact]
    public async Task An_imported_play_in_the_future_does_not_stop_tracking()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var start = SpotifyTestHost.Start;
        host.Spotify.AddAccount("alice");
        await host.LinkAsync(Alice, "alice");
        // As stored by an older build, which took export rows at face value.
        var future = Play.Create("alice", "spotify:track:f", "From 2099", null, "Band", null, null, new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), 0, 200_000, PlaySource.Import);
        await host.Get<IPlayStore>().InsertAsync([future], Ct);
        var worker = host.Get<TrackingWorker>();
        host.Spotify.AddPlay("alice", "now", "Now", "Band", start.AddMinutes(3));

        host.Time.Advance(TimeSpan.FromMinutes(5));
        await worker.RunOnceAsync(Ct);

        Assert.Contains(await host.Get<IPlayStore>().GetRecentAsync("alice", 10, Ct), p => p.TrackId == "spotify:track:now");
    }
}

using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Storage;

public sealed class PlayBatchWriterTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 20, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestDatabase _db = new();
    private readonly PlayBatchWriter _writer;

    public PlayBatchWriterTests() => _writer = new PlayBatchWriter(_db.Plays);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task An_exported_play_a_few_seconds_from_the_tracked_one_is_not_stored_twice()
    {
        await _writer.WriteAsync(
        [
            Plays.One("u1", "Song", "Band", "Album", T0, PlaySource.Tracked, trackId: "spotify:track:single"),
            Plays.One("u1", "Song", "Band", "Album", T0.AddMinutes(4), PlaySource.Tracked, trackId: "spotify:track:single"),
        ], Ct);

        var result = await _writer.WriteAsync(
        [
            Plays.One("u1", "Song", "Band", "Album (Deluxe)", T0.AddSeconds(-7), PlaySource.Import, trackId: "spotify:track:deluxe"),
            Plays.One("u1", "Song", "Band", "Album", T0.AddMinutes(4).AddSeconds(18), PlaySource.Import, trackId: "spotify:track:single"),
        ], Ct);

        Assert.Equal(new InsertResult(0, 2), result);
        Assert.Equal(2, await _db.Plays.CountAsync(PlayScope.AllTime("u1"), Ct));
    }

    [Fact]
    public async Task A_tracked_play_already_imported_is_not_stored_twice()
    {
        await _writer.WriteAsync([Plays.One("u1", "Song", "Band", "Album", T0, PlaySource.Import)], Ct);

        var result = await _writer.WriteAsync([Plays.One("u1", "Song", "Band", "Album", T0.AddSeconds(3), PlaySource.Tracked)], Ct);

        Assert.Equal(new InsertResult(0, 1), result);
    }

    [Fact]
    public async Task Plays_beyond_the_tolerance_or_of_another_song_or_from_the_same_source_are_kept()
    {
        await _writer.WriteAsync([Plays.One("u1", "Song", "Band", "Album", T0, PlaySource.Tracked)], Ct);

        var result = await _writer.WriteAsync(
        [
            Plays.One("u1", "Song", "Band", "Album", T0 - PlayBatchWriter.CrossSourceTolerance - TimeSpan.FromSeconds(1), PlaySource.Import),
            Plays.One("u1", "Other song", "Band", "Album", T0.AddSeconds(2), PlaySource.Import),
            Plays.One("u2", "Song", "Band", "Album", T0, PlaySource.Import),
            Plays.One("u1", "Song", "Band", "Album", T0.AddSeconds(5), PlaySource.Tracked, trackId: "spotify:track:other-edition"),
        ], Ct);

        Assert.Equal(new InsertResult(4, 0), result);
    }

    [Fact]
    public async Task Large_writes_are_split_into_batches_and_stay_exact()
    {
        var plays = Plays.For("u1").Count(2_500).Build();

        var first = await _writer.WriteAsync(plays, Ct);
        var again = await _writer.WriteAsync(plays, Ct);

        Assert.Equal(new InsertResult(2_500, 0), first);
        Assert.Equal(new InsertResult(0, 2_500), again);
    }

    [Fact]
    public async Task One_stored_play_absorbs_at_most_one_play_of_the_other_source()
    {
        // A 31-second song played twice in a row: the exports' two ends are 30 s apart, the tracked one lies between.
        await _writer.WriteAsync([Plays.One("u1", "Short", "Band", "Album", T0.AddSeconds(14), PlaySource.Tracked)], Ct);

        var result = await _writer.WriteAsync(
        [
            Plays.One("u1", "Short", "Band", "Album", T0, PlaySource.Import, msPlayed: 31_000),
            Plays.One("u1", "Short", "Band", "Album", T0.AddSeconds(30), PlaySource.Import, msPlayed: 31_000),
        ], Ct);

        Assert.Equal(new InsertResult(1, 1), result);
        Assert.Equal(2, await _db.Plays.CountAsync(PlayScope.AllTime("u1"), Ct));
    }

    [Fact]
    public async Task An_account_data_play_matches_another_sources_play_of_the_song_within_its_minute()
    {
        var minute = T0.AddMinutes(3);
        await _writer.WriteAsync(
        [
            Plays.One("u1", "Song", "Band", "Album", minute.AddSeconds(41), PlaySource.Import, msPlayed: 100_000),
            Plays.One("u1", "Other", "Band", "Album", minute.AddSeconds(20), PlaySource.Tracked),
        ], Ct);

        var result = await _writer.WriteAsync(
        [
            AccountData("Song", minute, 100_000),
            // The tracked play ended at :20 on Spotify's API clock; the export's clock can say a few seconds earlier.
            AccountData("Other", minute.AddMinutes(-1), 180_000),
            // The same song in the next minute is another play.
            AccountData("Song", minute.AddMinutes(1), 100_000),
        ], Ct);

        Assert.Equal(new InsertResult(1, 2), result);
    }

    [Fact]
    public async Task Two_account_data_streams_in_one_minute_and_one_extended_play_are_two_plays_in_either_order()
    {
        var minute = T0.AddMinutes(10);
        Play[] account = [AccountData("Song", minute, 100_000), AccountData("Song", minute, 35_000)];
        var extended = Plays.One("u1", "Song", "Band", "Album", minute.AddSeconds(12), PlaySource.Import, msPlayed: 35_000);

        await _writer.WriteAsync(account, Ct);
        var then = await _writer.WriteAsync([extended], Ct);
        await using var other = new SqliteTestDatabase();
        var otherWriter = new PlayBatchWriter(other.Plays);
        await otherWriter.WriteAsync([extended], Ct);
        var reversed = await otherWriter.WriteAsync(account, Ct);

        Assert.Equal(new InsertResult(0, 1), then);
        Assert.Equal(new InsertResult(1, 1), reversed);
        Assert.Equal(2, await _db.Plays.CountAsync(PlayScope.AllTime("u1"), Ct));
        Assert.Equal(2, await other.Plays.CountAsync(PlayScope.AllTime("u1"), Ct));
        // The extended play absorbed the stream of the same length, so the other stream was kept.
        Assert.Contains(await other.Plays.GetRecentAsync("u1", 10, Ct), p => p.Source == PlaySource.AccountData && p.MsPlayed == 100_000);
    }

    private static Play AccountData(string track, DateTimeOffset minute, int msPlayed) =>
        Plays.One("u1", track, "Band", null, minute, PlaySource.AccountData, msPlayed, Core.Import.AccountDataTrackId.ForStream("Band", track, msPlayed));
}

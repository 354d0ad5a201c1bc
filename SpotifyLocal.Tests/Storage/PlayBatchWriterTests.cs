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
        await _writer.WriteAsync([Plays.One("u1", "Song", "Band", "Album", T0, PlaySource.Tracked, trackId: "spotify:track:single")], Ct);

        var result = await _writer.WriteAsync(
        [
            Plays.One("u1", "Song", "Band", "Album (Deluxe)", T0.AddSeconds(-7), PlaySource.Import, trackId: "spotify:track:deluxe"),
            Plays.One("u1", "Song", "Band", "Album", T0.AddSeconds(18), PlaySource.Import, trackId: "spotify:track:single"),
        ], Ct);

        Assert.Equal(new InsertResult(0, 2), result);
        Assert.Equal(1, await _db.Plays.CountAsync(PlayScope.AllTime("u1"), Ct));
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
            Plays.One("u1", "Song", "Band", "Album", T0 + PlayBatchWriter.CrossSourceTolerance + TimeSpan.FromSeconds(1), PlaySource.Import),
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
}

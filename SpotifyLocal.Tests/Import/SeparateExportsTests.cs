using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Import;

/// <summary>
/// Spotify sends "Account data" and "Extended streaming history" as separate ZIPs, weeks apart: whatever the order
/// and the number of uploads, a play both contain is stored once.
/// </summary>
public sealed class SeparateExportsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 9, 1, 18, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_overlapping_year_is_stored_once_whichever_export_comes_first(bool extendedFirst)
    {
        await using var harness = new ImportHarness();
        var extended = new ExtendedHistoryBuilder(T0);
        var account = new AccountDataBuilder(T0);
        for (var i = 0; i < 300; i++)
        {
            // Ends at varying seconds; the account-data row says the same minute and the same msPlayed.
            var end = T0.AddMinutes(4 * i).AddSeconds(i * 7 % 60);
            var ms = 60_000 + (i * 997 % 150_000);
            extended.Play($"Song {i % 40}", $"Artist {i % 6}", $"spotify:track:s{i % 40}", end, ms);
            account.Row($"Artist {i % 6}", $"Song {i % 40}", end.AddSeconds(-end.Second), ms);
        }

        // Only the account data has the last day (it is the newer export), only the extended history the first.
        account.Row("Artist 1", "New Song", T0.AddDays(3), 200_000);
        extended.Play("Old Song", "Artist 1", "spotify:track:old", T0.AddDays(-3));
        var extendedZip = harness.Files.Zip(extended.ToFiles(100).ToArray());
        var accountZip = harness.Files.Zip(("MyData/StreamingHistory_music_0.json", account.ToJson()));

        var first = await harness.ImportAsync(extendedFirst ? extendedZip : accountZip);
        var second = await harness.ImportAsync(extendedFirst ? accountZip : extendedZip);

        Assert.Equal(301, first.Inserted);
        Assert.Equal(1, second.Inserted);
        Assert.Equal(300, second.Duplicates);
        Assert.Equal(302, await harness.CountAsync());
        var again = await harness.ImportAsync(accountZip);
        Assert.Equal(0, again.Inserted);
        Assert.Equal(302, await harness.CountAsync());
    }

    [Fact]
    public async Task An_account_data_row_of_a_tracked_play_is_not_stored_again()
    {
        await using var harness = new ImportHarness();
        var tracked = Play.Create("u1", "spotify:track:abc", "Tracked Song", "a1", "Band", "al1", "Album", T0.AddSeconds(40.321), 200_000, 200_000, PlaySource.Tracked);
        await harness.Database.Plays.InsertAsync([tracked], Token);
        var account = new AccountDataBuilder(T0)
            .Row("Band", "Tracked Song", T0, 200_000)
            .Row("Band", "Tracked Song", T0.AddMinutes(5), 200_000);

        var job = await harness.ImportAsync(harness.Files.Zip(("MyData/StreamingHistory_music_0.json", account.ToJson())));

        Assert.Equal(1, job.Inserted);
        Assert.Equal(1, job.Duplicates);
        Assert.Equal(2, await harness.CountAsync());
    }
}

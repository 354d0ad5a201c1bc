using MongoDB.Driver;
using SpotifyLocal.Core.Storage.Mongo;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>The write and read concerns each collection is given deliberately (see <see cref="MongoCollections"/>).</summary>
public sealed class MongoWriteConcernTests
{
    // Never contacted: collection settings are client-side.
    private static readonly MongoCollections Collections = new(new MongoClient("mongodb://127.0.0.1:9/?w=1"), "concerns");

    [Fact]
    public void The_summary_ledger_writes_and_reads_at_majority_whatever_the_connection_string_says()
    {
        // A "decided" entry acknowledged by one member can be rolled back by a failover after the summary was posted;
        // at majority it survives, and a majority read never sees an entry that could still be rolled back.
        Assert.Equal(WriteConcern.WMajority, Collections.SummaryLedger.Settings.WriteConcern);
        Assert.Equal(ReadConcern.Majority, Collections.SummaryLedger.Settings.ReadConcern);
    }

    [Fact]
    public void Plays_and_rollups_follow_the_connection_strings_write_concern()
    {
        Assert.Equal(WriteConcern.W1, Collections.Plays.Settings.WriteConcern);
        Assert.Equal(WriteConcern.W1, Collections.PlayRollups.Settings.WriteConcern);
        Assert.Equal(WriteConcern.W1, Collections.PlayRollupStates.Settings.WriteConcern);
    }
}

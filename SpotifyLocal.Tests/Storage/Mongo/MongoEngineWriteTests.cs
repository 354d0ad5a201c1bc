using MongoDB.Bson;
using MongoDB.Driver;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Import;
using SpotifyLocal.Tests.MongoEngine;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>
/// The Mongo play store's writes executed on mingo: the all-time rollups stay exactly <see cref="PlayRollups"/>' rule
/// over the stored plays (and answer like SQLite's), partial bulk failures are counted exactly, and every command on
/// plays and rollups carries <c>userId</c>, the shard key's prefix.
/// </summary>
[Collection(MongoEngineCollection.Name)]
public sealed class MongoEngineWriteTests(MongoEngineFixture fixture) : IClassFixture<MongoEngineFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TopKind[] Kinds = [TopKind.Tracks, TopKind.Artists, TopKind.Albums];
    private static readonly MongoCollections Collections = MongoEngineFixture.Collections;
    private readonly SqliteTestDatabase _sqlite = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _sqlite.DisposeAsync();

    [Fact]
    public async Task Rollups_stay_the_rule_over_the_plays_through_batches_repeats_moves_and_deletions()
    {
        var engine = await fixture.FreshDatabaseAsync();
        var mongo = MongoEngineFixture.PlayStore(engine);

        await WriteBothAsync(mongo, RandomPlays(["u1", "u2", "u3", "telegram:7"], 2_600, seed: 5));
        await AssertSameAsAsync(engine, mongo, rollupsAnswer: true);

        // Some of u1's plays are already u2's: they are dropped as duplicates, the rest move.
        var shared = (await _sqlite.Plays.GetRecentAsync("u1", 300, Ct)).Select(p => p with { UserId = "u2" }).ToList();
        await WriteBothAsync(mongo, shared);
        Assert.Equal(await _sqlite.Plays.ReassignAsync("u1", "u2", Ct), await mongo.ReassignAsync("u1", "u2", Ct));
        await AssertSameAsAsync(engine, mongo, rollupsAnswer: true);

        Assert.Equal(await _sqlite.Plays.DeleteUserAsync("u3", Ct), await mongo.DeleteUserAsync("u3", Ct));
        await AssertSameAsAsync(engine, mongo, rollupsAnswer: true);
        Assert.Empty(await mongo.Rollups.ListAsync(["u1", "u3"], Ct));
    }

    [Fact]
    public async Task A_page_of_a_move_reads_and_leaves_the_source_like_sqlite_and_never_touches_another_user()
    {
        var engine = await fixture.FreshDatabaseAsync();
        var mongo = MongoEngineFixture.PlayStore(engine);
        await WriteBothAsync(mongo, RandomPlays(["u1", "u2"], 1_200, seed: 9));
        // u2 holds the same plays too: deleting u1's page must leave them.
        var page = await _sqlite.Plays.GetOldestAsync("u1", 250, Ct);
        await WriteBothAsync(mongo, [.. page.Select(p => p with { UserId = "u2" })]);

        Assert.Equal(page, await mongo.GetOldestAsync("u1", 250, Ct));
        Assert.Equal(await _sqlite.Plays.DeletePlaysAsync("u1", page, Ct), await mongo.DeletePlaysAsync("u1", page, Ct));
        foreach (var scope in new[] { PlayScope.AllTime("u1"), PlayScope.AllTime("u2") })
        {
            Assert.Equal(await _sqlite.Plays.CountAsync(scope, Ct), await mongo.CountAsync(scope, Ct));
            foreach (var kind in Kinds)
            {
                Assert.Equal(await _sqlite.Plays.GetTopAsync(scope, kind, 25, Ct), await mongo.GetTopAsync(scope, kind, 25, Ct));
            }
        }
    }

    [Fact]
    public async Task A_write_error_other_than_a_duplicate_reports_exactly_the_plays_stored_and_a_rerun_stores_the_rest()
    {
        var engine = await fixture.FreshDatabaseAsync();
        var mongo = MongoEngineFixture.PlayStore(engine);
        var earlier = Plays.One("u1", "Earlier", "Band", "Record", T0);
        await mongo.InsertAsync([earlier], Ct);
        // Like a collMod validator on the server: negative listening time is rejected with a non-duplicate write error.
        await engine.SetValidatorAsync(Collections.Plays, Builders<PlayDocument>.Filter.Gte(p => p.MsPlayed, 0));
        var good = Enumerable.Range(1, 3).Select(i => Plays.One("u1", $"Good {i}", "Band", "Record", T0.AddMinutes(i))).ToList();
        var bad = Plays.One("u1", "Bad", "Band", "Record", T0.AddMinutes(10), msPlayed: -1);

        var failure = await Assert.ThrowsAsync<PlayWriteException>(() =>
            new PlayBatchWriter(mongo).WriteAsync([good[0], bad, earlier, good[1], good[2]], Ct));

        Assert.Equal(new InsertResult(3, 1), failure.Stored);
        Assert.Equal(4, await mongo.CountAsync(PlayScope.AllTime("u1"), Ct));
        await AssertRollupsAreTheRuleAsync(engine, mongo, ["u1"]);

        await engine.SetValidatorAsync(Collections.Plays, Builders<PlayDocument>.Filter.Empty);
        var rerun = await new PlayBatchWriter(mongo).WriteAsync([good[0], bad with { MsPlayed = 1_000 }, earlier, good[1], good[2]], Ct);

        Assert.Equal(new InsertResult(1, 4), rerun);
        await AssertRollupsAreTheRuleAsync(engine, mongo, ["u1"]);
        Assert.True(await mongo.Rollups.AnswerAsync(PlayScope.AllTime("u1"), Ct));
    }

    [Fact]
    public async Task An_import_whose_batch_is_partly_stored_counts_exactly_those_plays_and_its_rerun_the_rest()
    {
        var engine = await fixture.FreshDatabaseAsync();
        var mongo = MongoEngineFixture.PlayStore(engine);
        await using var harness = new ImportHarness(plays: mongo);
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(120, distinctTracks: 40);
        var path = harness.Files.Zip([.. history.ToFiles(1_000)]);
        await engine.SetValidatorAsync(Collections.Plays, Builders<PlayDocument>.Filter.Ne(p => p.TrackName, "Song 7"));

        await Assert.ThrowsAsync<PlayWriteException>(() => harness.ImportAsync(path));

        var failed = await harness.OnlyJobAsync();
        Assert.Equal(ImportJobStatus.Failed, failed.Status);
        Assert.Equal(117, failed.Inserted);
        Assert.Equal(117, await harness.CountAsync());

        await engine.SetValidatorAsync(Collections.Plays, Builders<PlayDocument>.Filter.Empty);
        var rerun = await harness.ImportAsync(path);

        Assert.Equal((3, 117), (rerun.Inserted, rerun.Duplicates));
        Assert.Equal(history.ExpectedPlays, await harness.CountAsync());
        await AssertRollupsAreTheRuleAsync(engine, mongo, ["u1"]);
    }

    [Fact]
    public async Task A_write_whose_rollups_could_not_follow_leaves_the_user_pending_and_top_lists_grouped_from_the_plays()
    {
        var engine = await fixture.FreshDatabaseAsync();
        var mongo = MongoEngineFixture.PlayStore(engine);
        await mongo.InsertAsync(RandomPlays(["u1"], 200, seed: 3), Ct);
        await engine.SetValidatorAsync(Collections.PlayRollups, Builders<PlayRollupDocument>.Filter.Lt(r => r.Plays, 0));

        var failure = await Assert.ThrowsAsync<PlayWriteException>(() =>
            mongo.InsertAsync([Plays.One("u1", "Brand New", "Newcomer", "Debut", T0.AddYears(1))], Ct));

        Assert.Equal(new InsertResult(1, 0), failure.Stored);
        Assert.False(await mongo.Rollups.AnswerAsync(PlayScope.AllTime("u1"), Ct));
        foreach (var kind in Kinds)
        {
            var top = await mongo.GetTopAsync(PlayScope.AllTime("u1"), kind, 500, Ct);
            Assert.Equal(await mongo.GetTopRawAsync(PlayScope.AllTime("u1"), kind, 500, Ct), top);
            Assert.Contains(top, t => t.Name is "Brand New" or "Newcomer" or "Debut");
        }
    }

    [Fact]
    public async Task Every_command_on_plays_and_rollups_carries_the_user_id_the_shard_key_starts_with()
    {
        var engine = await fixture.FreshDatabaseAsync();
        var mongo = MongoEngineFixture.PlayStore(engine);
        var week = new PlayScope(["u1", "u2"], T0, T0.AddDays(7));
        // Whole UTC months (June 2025 to June 2026) read from the month rows; u2's play two years on keeps the all-time rows out.
        var year = new PlayScope(["u1", "u2"], T0.AddDays(-1), T0.AddDays(400));

        await mongo.InsertAsync(RandomPlays(["u1", "u2", "u3"], 1_500, seed: 9), Ct);
        await new PlayBatchWriter(mongo).WriteAsync([Plays.One("u2", "Matched", "Band", "Record", T0.AddYears(2), PlaySource.Tracked)], Ct);
        foreach (var scope in (PlayScope[])[week, year, PlayScope.AllTime("u1"), new(["u1", "u2", "nobody"], PlayScope.Beginning, PlayScope.End)])
        {
            foreach (var kind in Kinds)
            {
                await mongo.GetTopAsync(scope, kind, 10, Ct);
            }

            await mongo.GetTotalsAsync(scope, Ct);
            await mongo.GetListeningBucketsAsync(scope, Ct);
            await mongo.GetStampsAsync(scope, Ct);
            await mongo.CountAsync(scope, Ct);
        }

        await mongo.GetRecentAsync("u1", 10, Ct);
        await mongo.GetLatestTrackedAtAsync("u1", Ct);
        await mongo.ReassignAsync("u1", "u2", Ct);
        await mongo.DeleteUserAsync("u3", Ct);
        await engine.ResetAsync();
        await engine.LoadAsync(MongoCollections.PlaysName, [new PlayDocument { Id = ObjectId.GenerateNewId(), UserId = "old", PlayedAt = T0.UtcDateTime }.ToBsonDocument()]);
        await MongoEngineFixture.Initializer(engine).InitializeAsync(Ct);

        var commands = engine.Commands.Where(c => c.Collection is MongoCollections.PlaysName or MongoCollections.PlayRollupsName
            or MongoCollections.PlayDayRollupsName or MongoCollections.PlayMonthRollupsName
            or MongoCollections.PlayRollupStatesName or MongoCollections.PlayWriteLocksName).ToList();
        Assert.Contains(commands, c => c.Operation == "delete" && c.Collection == MongoCollections.PlaysName);
        Assert.Contains(commands, c => c.Operation == "update" && c.Collection == MongoCollections.PlayRollupsName);
        Assert.Contains(commands, c => c.Operation == "update" && c.Collection == MongoCollections.PlayMonthRollupsName);
        Assert.Contains(commands, c => c.Operation == "aggregate" && c.Collection == MongoCollections.PlayMonthRollupsName);
        Assert.Contains(commands, c => c.Operation == "insertMany" && c.Collection == MongoCollections.PlayMonthRollupsName);
        Assert.Contains(commands, c => c.Operation == "insertOne" && c.Collection == MongoCollections.PlayWriteLocksName);
        Assert.All(commands.Where(c => c.Operation is not ("createIndexes" or "updateMany") && !IsBackfillScan(c)), command =>
        {
            // play_rollup_states and play_write_locks are keyed by the user id itself.
            var field = command.Collection is MongoCollections.PlayRollupStatesName or MongoCollections.PlayWriteLocksName ? "_id" : "userId";
            var filters = command.Operation switch
            {
                "aggregate" => [FirstMatch(command.Body)],
                "update" => command.Body.Select(u => u["filter"].AsBsonDocument),
                "delete" => [command.Body[0].AsBsonDocument],
                _ => command.Body.Select(d => d.AsBsonDocument), // inserted documents
            };
            var missing = filters.FirstOrDefault(f => !(f.TryGetValue(field, out var value) && (value.IsString || value["$in"].AsBsonArray.All(v => v.IsString))));
            Assert.True(missing is null, $"{command.Operation} on {command.Collection} without {field}: {missing}");
        });
        // The two start-up exceptions: the rollup backfill's scan of user ids and the account-data migration.
        Assert.Single(commands, IsBackfillScan);
        Assert.Equal(MongoCollections.PlaysName, Assert.Single(commands, c => c.Operation == "updateMany" && c.Collection != MongoCollections.UsersName).Collection);
    }

    // The one exception: at start the initializer lists the users that own plays (a distinct scan of the unique index).
    private static bool IsBackfillScan(RecordedCommand command) =>
        command.Operation == "aggregate"
        && command.Body.Count >= 2
        && command.Body[0].AsBsonDocument.Contains("$sort")
        && command.Body[1]["$group"]["_id"] == "$userId";

    private static BsonDocument FirstMatch(BsonArray stages) =>
        stages.Count > 0 && stages[0].AsBsonDocument.TryGetValue("$match", out var match) ? match.AsBsonDocument : new BsonDocument();

    private async Task WriteBothAsync(MongoPlayStore mongo, IReadOnlyList<Play> plays)
    {
        // Overlapping batches, so every write meets plays already stored and repeats inside one call.
        foreach (var batch in plays.Chunk(700))
        {
            Assert.Equal(
                await _sqlite.Plays.InsertAsync([.. batch, .. batch.Take(40)], Ct),
                await mongo.InsertAsync([.. batch, .. batch.Take(40)], Ct));
        }

        Assert.Equal(await _sqlite.Plays.InsertAsync(plays.Take(500).ToList(), Ct), await mongo.InsertAsync(plays.Take(500).ToList(), Ct));
    }

    private async Task AssertSameAsAsync(MingoEngine engine, MongoPlayStore mongo, bool rollupsAnswer)
    {
        string[] users = ["u1", "u2", "u3", "telegram:7"];
        await AssertRollupsAreTheRuleAsync(engine, mongo, users);
        foreach (var scope in users.Select(PlayScope.AllTime).Append(new PlayScope(users, PlayScope.Beginning, PlayScope.End)))
        {
            Assert.Equal(rollupsAnswer, await mongo.Rollups.AnswerAsync(scope, Ct));
            foreach (var kind in Kinds)
            {
                Assert.Equal(await _sqlite.Plays.GetTopAsync(scope, kind, 25, Ct), await mongo.GetTopAsync(scope, kind, 25, Ct));
            }
        }
    }

    private static async Task AssertRollupsAreTheRuleAsync(MingoEngine engine, MongoPlayStore mongo, IReadOnlyList<string> users)
    {
        var plays = (await engine.DumpAsync(Collections.Plays)).Where(p => users.Contains(p.UserId)).Select(p => p.ToPlay());
        var expected = PlayRollups.Fold(plays).OrderBy(r => r.Id.ToString(), StringComparer.Ordinal);
        var actual = (await mongo.Rollups.ListAsync(users, Ct)).OrderBy(r => r.Id.ToString(), StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    private static List<Play> RandomPlays(IReadOnlyList<string> users, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var track = random.Next(40);
            var spelling = random.Next(5) == 0 ? $"TRACK {track}" : $"Track {track}";
            var album = random.Next(6) == 0 ? null : $"Album {track % 6}";
            return Plays.One(users[random.Next(users.Count)], spelling, $"Artist {track % 9}", album, T0.AddMinutes(i * 3), msPlayed: random.Next(30_000, 300_000));
        })];
    }
}

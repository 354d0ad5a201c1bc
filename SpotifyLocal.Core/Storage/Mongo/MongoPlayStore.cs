using System.Linq.Expressions;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Linq;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// <see cref="IPlayStore"/> on the <c>plays</c> collection. Every read is an aggregation pipeline that
/// starts with <c>$match</c> on <c>userId</c> (and the <c>playedAt</c> range) so the indexes below serve it;
/// the pipelines are built by internal methods so tests can render them without a server, and every command goes
/// through an <see cref="IMongoEngine"/> so tests can run them on an in-process engine. All-time top lists read
/// the rollups <see cref="MongoPlayRollups"/> keeps with every write.
/// </summary>
public sealed class MongoPlayStore : IPlayStore
{
    /// <summary>Plays per InsertMany call (the seed's batch size).</summary>
    internal const int BatchSize = 1000;

    private static readonly FilterDefinitionBuilder<PlayDocument> Filter = Builders<PlayDocument>.Filter;
    private static readonly IndexKeysDefinitionBuilder<PlayDocument> Keys = Builders<PlayDocument>.IndexKeys;

    private readonly IMongoCollection<PlayDocument> _plays;
    private readonly IMongoEngine _engine;
    private readonly MongoPlayRollups _rollups;
    private readonly IMongoCollection<PlayWriteLockDocument> _writeLocks;
    private readonly TimeProvider _time;

    static MongoPlayStore() => MongoConventions.EnsureRegistered();

    public MongoPlayStore(MongoCollections collections, TimeProvider? time = null)
        : this(collections, MongoServerEngine.Instance, time)
    {
    }

    internal MongoPlayStore(MongoCollections collections, IMongoEngine engine, TimeProvider? time = null)
    {
        _plays = collections.Plays;
        _writeLocks = collections.PlayWriteLocks;
        _engine = engine;
        _rollups = new MongoPlayRollups(collections, engine);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The indexes this store's queries rely on, created by <see cref="MongoStorageInitializer"/>.</summary>
    internal static IReadOnlyList<CreateIndexModel<PlayDocument>> Indexes => [UniquePlay, NewestFirst];

    /// <summary>The all-time rollups this store keeps (tests compare them with the rule over the plays).</summary>
    internal MongoPlayRollups Rollups => _rollups;

    // ---- Writes -------------------------------------------------------------------------------

    /// <summary>
    /// Account-data plays stored before they had a source of their own; the initializer gives them the shape new imports
    /// have (<see cref="AccountDataShape"/>: <see cref="PlaySource.AccountData"/>, id + '@' + msPlayed), as SQLite's
    /// migration 3 does. Idempotent; a one-off update of every user's plays at start, the only one without a userId.
    /// </summary>
    internal static FilterDefinition<PlayDocument> LegacyAccountDataPlays { get; } =
        Filter.Eq(p => p.Source, PlayDocument.Import) & Filter.Regex(p => p.TrackId, new BsonRegularExpression("^local:track:[0-9a-f]+$"));

    // No builder renders an update pipeline with $concat/$toString; one stage as BSON.
    internal static UpdateDefinition<PlayDocument> AccountDataShape { get; } = Builders<PlayDocument>.Update.Pipeline(new BsonDocument[]
    {
        new("$set", new BsonDocument
        {
            ["source"] = PlayDocument.AccountData,
            ["trackId"] = new BsonDocument("$concat", new BsonArray { "$trackId", "@", new BsonDocument("$toString", "$msPlayed") }),
        }),
    });

    // The play identity: InsertMany relies on it to reject plays already stored. Walked forwards it
    // also serves the scoped range queries and GetStamps' (playedAt, trackId) order.
    internal static readonly CreateIndexModel<PlayDocument> UniquePlay = new(
        Keys.Ascending(p => p.UserId).Ascending(p => p.PlayedAt).Ascending(p => p.TrackId),
        new CreateIndexOptions { Name = "userId_1_playedAt_1_trackId_1", Unique = true });

    public async Task<InsertResult> InsertAsync(IReadOnlyList<Play> plays, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(string UserId, DateTime PlayedAt, string TrackId)>();
        var repeats = 0;
        var result = InsertResult.Empty;
        var batch = new List<PlayDocument>(Math.Min(plays.Count, BatchSize));
        try
        {
            foreach (var play in plays)
            {
                var document = PlayDocument.From(play);
                if (!seen.Add((document.UserId, document.PlayedAt, document.TrackId)))
                {
                    repeats++;
                    continue;
                }

                batch.Add(document);
                if (batch.Count == BatchSize)
                {
                    result = result.Add(await InsertBatchAsync(batch, cancellationToken));
                    batch = new List<PlayDocument>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                result = result.Add(await InsertBatchAsync(batch, cancellationToken));
            }
        }
        catch (PlayWriteException ex)
        {
            throw new PlayWriteException(result.Add(ex.Stored), ex.InnerException!);
        }

        return result.Add(new InsertResult(0, repeats));
    }

    public async Task<InsertResult> InsertMatchedAsync(string userId, IReadOnlyList<Play> plays, CancellationToken cancellationToken)
    {
        if (plays.Count == 0)
        {
            return InsertResult.Empty;
        }

        await using var held = await MongoPlayWriteLock.AcquireAsync(_engine, _writeLocks, userId, _time, cancellationToken);
        var scope = PlayScope.ForUser(userId, plays.Min(p => p.PlayedAt) - CrossSourceMatcher.Window, plays.Max(p => p.PlayedAt) + CrossSourceMatcher.Window);
        var inserted = await InsertAsync(CrossSourceMatcher.Unmatched(plays, await GetStampsAsync(scope, cancellationToken)), cancellationToken);
        return new InsertResult(inserted.Inserted, plays.Count - inserted.Inserted);
    }

    public async Task<InsertResult> ReassignAsync(string fromUserId, string toUserId, CancellationToken cancellationToken)
    {
        if (fromUserId == toUserId)
        {
            return InsertResult.Empty;
        }

        // Copy then delete, a page at a time from the start of the user's plays (the unique index's order, no
        // sort in memory): the unique index drops the plays the target already has, and only the copied plays
        // of the source user are deleted, so a play arriving meanwhile is moved by a later page, never lost.
        // Interrupted, it leaves copies that the next run counts as duplicates and deletes from the source.
        await _rollups.BeginAsync([fromUserId], cancellationToken);
        var result = InsertResult.Empty;
        while (true)
        {
            var page = await _engine.AggregateAsync(_plays, PagePipeline(fromUserId), cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            result = result.Add(await InsertBatchAsync([.. page.Select(p => p.ForUser(toUserId))], cancellationToken));
            await _engine.DeleteManyAsync(_plays, Filter.Eq(p => p.UserId, fromUserId) & Filter.In(p => p.Id, page.Select(p => p.Id)), cancellationToken);
        }

        // The source has no plays left: its rollups go with its state (a play that arrived since is grouped from the plays).
        await _rollups.DeleteUserAsync(fromUserId, cancellationToken);
        return result;
    }

    public async Task<IReadOnlyList<Play>> GetOldestAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        var page = await _engine.AggregateAsync(
            _plays,
            new EmptyPipelineDefinition<PlayDocument>()
                .Match(Filter.Eq(p => p.UserId, userId))
                .Sort(Builders<PlayDocument>.Sort.Ascending(p => p.PlayedAt).Ascending(p => p.TrackId))
                .Limit(limit),
            cancellationToken);
        return [.. page.Select(p => p.ToPlay())];
    }

    public async Task<IReadOnlyList<Play>> GetPageAsync(string userId, PlayCursor? after, int limit, CancellationToken cancellationToken)
    {
        var filter = Filter.Eq(p => p.UserId, userId);
        if (after is not null)
        {
            // Keyset on the unique index (userId, playedAt, trackId): later instants, or the same instant and a later track id.
            var at = MongoTime.ToBson(after.PlayedAt);
            filter &= Filter.Gt(p => p.PlayedAt, at) | (Filter.Eq(p => p.PlayedAt, at) & Filter.Gt(p => p.TrackId, after.TrackId));
        }

        var page = await _engine.AggregateAsync(
            _plays,
            new EmptyPipelineDefinition<PlayDocument>()
                .Match(filter)
                .Sort(Builders<PlayDocument>.Sort.Ascending(p => p.PlayedAt).Ascending(p => p.TrackId))
                .Limit(limit),
            cancellationToken);
        return [.. page.Select(p => p.ToPlay())];
    }

    public async Task<long> DeletePlaysAsync(string userId, IReadOnlyList<Play> plays, CancellationToken cancellationToken)
    {
        if (plays.Count == 0)
        {
            return 0;
        }

        // The source of a move: its rollups go first (reads then group its plays), since they can only grow in place.
        await _rollups.DeleteUserAsync(userId, cancellationToken);
        var keys = plays.Select(p => Filter.Eq(d => d.PlayedAt, MongoTime.ToBson(p.PlayedAt)) & Filter.Eq(d => d.TrackId, p.TrackId));
        return await _engine.DeleteManyAsync(_plays, Filter.Eq(p => p.UserId, userId) & Filter.Or(keys), cancellationToken);
    }

    public async Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        await _rollups.DeleteUserAsync(userId, cancellationToken);
        return await _engine.DeleteManyAsync(_plays, Filter.Eq(p => p.UserId, userId), cancellationToken);
    }

    /// <summary>
    /// One unordered InsertMany with the user's rollups kept exact around it: marked pending, the plays inserted, then
    /// exactly the stored ones folded in and the mark cleared. Counts come from the bulk result; when the outcome is
    /// unknown (the connection failed mid-call) the batch's own ids are read back.
    /// </summary>
    private async Task<InsertResult> InsertBatchAsync(IReadOnlyList<PlayDocument> batch, CancellationToken cancellationToken)
    {
        foreach (var document in batch)
        {
            // Our own ids, so an insert whose outcome is unknown can be read back.
            document.Id = ObjectId.GenerateNewId();
        }

        var kept = await _rollups.BeginAsync(batch.Select(p => p.UserId), cancellationToken);
        InsertManyOutcome outcome;
        try
        {
            outcome = await _engine.InsertManyAsync(_plays, batch, cancellationToken);
        }
        catch (Exception ex)
        {
            outcome = await ReadBackAsync(batch, ex);
        }

        var stored = batch.Where((_, i) => outcome.Stored(i)).ToList();
        var result = new InsertResult(stored.Count, outcome.Duplicates.Count);
        try
        {
            // Not cancellable: the plays are stored, their rollups must follow.
            await _rollups.FoldAsync(stored, kept, CancellationToken.None);
            await _rollups.EndAsync(kept, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The users stay pending, so their top lists are grouped from the plays until the rollups are rebuilt.
            throw new PlayWriteException(result, ex);
        }

        return outcome.Failure is { } failure ? throw new PlayWriteException(result, failure) : result;
    }

    /// <summary>Which plays of a batch whose InsertMany failed without a result are stored; rethrows when that can't be read either.</summary>
    private async Task<InsertManyOutcome> ReadBackAsync(IReadOnlyList<PlayDocument> batch, Exception failure)
    {
        List<PlayIdRow> found;
        try
        {
            found = await _engine.AggregateAsync(_plays, StoredIdsPipeline(batch), CancellationToken.None);
        }
        catch (Exception)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw;
        }

        var ids = found.Select(r => r.Id).ToHashSet();
        var notStored = Enumerable.Range(0, batch.Count).Where(i => !ids.Contains(batch[i].Id)).ToHashSet();
        return new InsertManyOutcome(new HashSet<int>(), notStored, failure);
    }

    // ---- Reads --------------------------------------------------------------------------------

    // Newest-first reads of one user (recent plays, latest play) with the trackId tie-break, which
    // the unique index can't give in that direction. Scoped range queries may use either index.
    internal static readonly CreateIndexModel<PlayDocument> NewestFirst = new(
        Keys.Ascending(p => p.UserId).Descending(p => p.PlayedAt).Ascending(p => p.TrackId),
        new CreateIndexOptions { Name = "userId_1_playedAt_-1_trackId_1" });

    public async Task<IReadOnlyList<TopItem>> GetTopAsync(PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        // One read of the users' rollup states and first/last play decides between all three ways.
        var readiness = await _rollups.ReadinessAsync([.. scope.UserIds.Distinct(StringComparer.Ordinal)], cancellationToken);
        if (MongoPlayRollups.Answers(scope, readiness))
        {
            return await _rollups.GetTopAsync(scope, kind, limit, cancellationToken);
        }

        return await TryGetTopFromDayRollupsAsync(scope, readiness, kind, limit, cancellationToken)
            ?? await GetTopRawAsync(scope, kind, limit, cancellationToken);
    }

    /// <summary>
    /// The top list from the month rows of the whole UTC months in the range, the day rows of its other whole UTC days
    /// and the plays of its partial edges (<see cref="PlayDayRollups.Split"/>), ranked like <see cref="RankSpellings"/>;
    /// the day rows answer every whole day while some user's month rows are not built yet. Null when the range holds no
    /// whole UTC day or some user's day rows are not exact.
    /// </summary>
    internal async Task<IReadOnlyList<TopItem>?> TryGetTopFromDayRollupsAsync(PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken) =>
        await TryGetTopFromDayRollupsAsync(
            scope, await _rollups.ReadinessAsync([.. scope.UserIds.Distinct(StringComparer.Ordinal)], cancellationToken), kind, limit, cancellationToken);

    private async Task<IReadOnlyList<TopItem>?> TryGetTopFromDayRollupsAsync(
        PlayScope scope, RollupReadiness readiness, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        if (MongoPlayRollups.Split(scope, readiness) is not { } split)
        {
            return null;
        }

        var users = scope.UserIds.Distinct(StringComparer.Ordinal).ToList();
        var spellings = await _rollups.PeriodSpellingsAsync(users, kind, split, cancellationToken);
        foreach (var (from, to) in new[] { (split.FromMs, split.DaysFromMs), (split.DaysToMs, split.ToMs) })
        {
            if (from < to)
            {
                var edge = scope with { From = DateTimeOffset.FromUnixTimeMilliseconds(from), To = DateTimeOffset.FromUnixTimeMilliseconds(to) };
                spellings.AddRange(await RunAsync(SpellingsPipeline(edge, kind), cancellationToken));
            }
        }

        return TopSpellingRanking.Rank(spellings, kind, limit);
    }

    /// <summary>The top list grouped from the plays themselves, whatever the range (the reference the rollups must equal).</summary>
    internal async Task<IReadOnlyList<TopItem>> GetTopRawAsync(PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        var rows = await RunAsync(TopPipeline(scope, kind, limit), cancellationToken);
        return [.. rows.Select(r => r.ToTopItem())];
    }

    public async Task<ListeningTotals> GetTotalsAsync(PlayScope scope, CancellationToken cancellationToken)
    {
        var rows = await RunAsync(TotalsPipeline(scope), cancellationToken);
        return rows.SingleOrDefault() is { } row
            ? new ListeningTotals(row.Plays, row.MsPlayed, row.DistinctTracks, row.DistinctArtists, row.DistinctAlbums)
            : ListeningTotals.Empty;
    }

    public async Task<IReadOnlyList<ListeningBucket>> GetListeningBucketsAsync(PlayScope scope, CancellationToken cancellationToken)
    {
        var rows = await RunAsync(BucketsPipeline(scope), cancellationToken);
        return [.. rows.Select(r => new ListeningBucket(MongoTime.FromBson(r.StartUtc), r.Plays, r.MsPlayed, r.SkipKnown, r.Skipped))];
    }

    public async Task<IReadOnlyList<ArtistDay>> GetArtistDaysAsync(
        PlayScope scope, IReadOnlyList<string> artistKeys, LocalDayOffsets offsets, CancellationToken cancellationToken)
    {
        var keys = artistKeys.Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        var rows = await RunAsync(ArtistDaysPipeline(scope, keys, offsets), cancellationToken);
        return [.. rows.Select(r => r.ToArtistDay()).OrderBy(d => d.ArtistKey, StringComparer.Ordinal).ThenBy(d => d.Day)];
    }

    /// <summary>
    /// From the all-time rollups when they answer the users' all-time top lists (<see cref="MongoPlayRollups.AnswerAsync"/>),
    /// else grouped from all their plays; both rank like <see cref="RankSpellings"/> and keep the keys whose first play is in range.
    /// </summary>
    public async Task<DiscoveryList> GetDiscoveriesAsync(PlayScope firstPlayedIn, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        var allTime = new PlayScope([.. firstPlayedIn.UserIds.Distinct(StringComparer.Ordinal)], PlayScope.Beginning, PlayScope.End);
        if (limit <= 0 || allTime.UserIds.Count == 0)
        {
            return DiscoveryList.Empty;
        }

        if (await _rollups.AnswerAsync(allTime, cancellationToken))
        {
            return await _rollups.GetDiscoveriesAsync(allTime.UserIds, firstPlayedIn, kind, limit, cancellationToken);
        }

        return await GetDiscoveriesRawAsync(firstPlayedIn, kind, limit, cancellationToken);
    }

    /// <summary>The discoveries grouped from the plays themselves (the reference the rollups must equal).</summary>
    internal async Task<DiscoveryList> GetDiscoveriesRawAsync(PlayScope firstPlayedIn, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        // Every play, even one outside "all time" (the rollups hold those too): a first play is a first play.
        var allTime = new PlayScope([.. firstPlayedIn.UserIds.Distinct(StringComparer.Ordinal)], DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var spellings = SpellingsPipeline(allTime, kind);
        var items = await RunAsync(DiscoveriesPipeline(spellings, firstPlayedIn, limit), cancellationToken);
        var count = await RunAsync(DiscoveryCountPipeline(spellings, firstPlayedIn), cancellationToken);
        return new DiscoveryList(count.Count == 0 ? 0 : (int)count[0].Count, [.. items.Select(r => r.ToTopItem())]);
    }

    public async Task<IReadOnlyList<SkipCount>> GetSkipCountsAsync(PlayScope scope, TopKind kind, int minSkipped, CancellationToken cancellationToken)
    {
        var rows = await RunAsync(SkipCountsPipeline(scope, kind, minSkipped), cancellationToken);
        return [.. rows.Select(r => r.ToSkipCount()).OrderBy(c => c.Key, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<Play>> GetRecentAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        var rows = await RunAsync(RecentPipeline(userId, limit), cancellationToken);
        return [.. rows.Select(r => r.ToPlay())];
    }

    public async Task<IReadOnlyList<PlayStamp>> GetStampsAsync(PlayScope scope, CancellationToken cancellationToken)
    {
        var rows = await RunAsync(StampsPipeline(scope), cancellationToken);
        return [.. rows.Select(r => new PlayStamp(MongoTime.FromBson(r.PlayedAt), r.TrackId, r.TrackKey, PlayDocument.ToSource(r.Source), r.MsPlayed))];
    }

    public async Task<DateTimeOffset?> GetLatestTrackedAtAsync(string userId, CancellationToken cancellationToken)
    {
        var rows = await RunAsync(LatestTrackedPipeline(userId), cancellationToken);
        return rows.Count == 0 ? null : MongoTime.FromBson(rows[0].PlayedAt);
    }

    public async Task<long> CountAsync(PlayScope scope, CancellationToken cancellationToken)
    {
        var rows = await RunAsync(CountPipeline(scope), cancellationToken);
        return rows.Count == 0 ? 0 : rows[0].Count;
    }

    // ---- Pipelines ----------------------------------------------------------------------------

    /// <summary>userId ∈ scope.UserIds and From ≤ playedAt &lt; To (both bounds in whole milliseconds).</summary>
    internal static FilterDefinition<PlayDocument> ScopeFilter(PlayScope scope) =>
        UserFilter(scope.UserIds)
        & Filter.Gte(p => p.PlayedAt, MongoTime.ToBson(scope.From))
        & Filter.Lt(p => p.PlayedAt, MongoTime.ToBson(scope.To));

    // Count each spelling, then rank them (RankSpellings).
    internal static PipelineDefinition<PlayDocument, TopRow> TopPipeline(PlayScope scope, TopKind kind, int limit) =>
        RankSpellings(SpellingsPipeline(scope, kind), limit);

    /// <summary>Each spelling's plays, time and first/last play in the scope (what <see cref="RankSpellings"/> ranks).</summary>
    internal static PipelineDefinition<PlayDocument, TopSpelling> SpellingsPipeline(PlayScope scope, TopKind kind)
    {
        var match = kind == TopKind.Albums
            ? ScopeFilter(scope) & Filter.Nin(p => p.AlbumName, [null, string.Empty])
            : ScopeFilter(scope);
        return new EmptyPipelineDefinition<PlayDocument>()
            .Match(match)
            .Group(
                SpellingOf(kind),
                g => new TopSpelling
                {
                    Id = g.Key,
                    Plays = g.Count(),
                    MsPlayed = g.Sum(p => (long)p.MsPlayed),
                    FirstPlayedAt = g.Min(p => p.PlayedAt),
                    LastPlayedAt = g.Max(p => p.PlayedAt),
                });
    }

    /// <summary>
    /// The ranking both top pipelines (plays and rollups) end with: order the spellings of a key most-played first
    /// (ties: smallest name, then smallest artist), let the second $group take the first one as the display name,
    /// then rank keys by plays, time and key.
    /// </summary>
    internal static PipelineDefinition<TInput, TopRow> RankSpellings<TInput>(PipelineDefinition<TInput, TopSpelling> spellings, int limit) =>
        KeysOf(spellings)
            .Sort(Builders<TopRow>.Sort
                .Descending(r => r.Plays)
                .Descending(r => r.MsPlayed)
                .Ascending(r => r.Key))
            .Limit(limit);

    internal static PipelineDefinition<PlayDocument, TotalsRow> TotalsPipeline(PlayScope scope) =>
        new EmptyPipelineDefinition<PlayDocument>()
            .Match(ScopeFilter(scope))
            .Group(
                p => 1,
                g => new TotalsRow
                {
                    Plays = g.Count(),
                    MsPlayed = g.Sum(p => (long)p.MsPlayed),
                    DistinctTracks = g.Select(p => p.TrackKey).Distinct().Count(),
                    DistinctArtists = g.Select(p => p.ArtistKey).Distinct().Count(),
                    DistinctAlbums = g
                        // ?? renders as $ifNull, which also covers a missing albumName element.
                        .Select(p => (p.AlbumName ?? string.Empty) == string.Empty ? null : p.AlbumKey)
                        .Distinct()
                        .Count(k => k != null),
                });

    internal static PipelineDefinition<PlayDocument, BucketRow> BucketsPipeline(PlayScope scope) =>
        new EmptyPipelineDefinition<PlayDocument>()
            .Match(ScopeFilter(scope))
            .Group(
                // $dateTrunc bins from 2000-01-01T00:00Z, a whole number of 15-minute slots after the Unix epoch.
                p => p.PlayedAt.Truncate(DateTimeUnit.Minute, (long)ListeningBucket.Size.TotalMinutes),
                g => new BucketRow
                {
                    StartUtc = g.Key,
                    Plays = g.Count(),
                    MsPlayed = g.Sum(p => (long)p.MsPlayed),
                    // True or false, not null or missing (documents from before the field have none).
                    SkipKnown = g.Sum(p => p.Skipped == true || p.Skipped == false ? 1 : 0),
                    Skipped = g.Sum(p => p.Skipped == true ? 1 : 0),
                })
            .Sort(Builders<BucketRow>.Sort.Ascending(b => b.StartUtc));

    /// <summary>
    /// Each artist's plays per local day: the day is floor((playedAt + offset) / day), the offset picked by a
    /// <c>$switch</c> over the zone's spans (BsonDocument stage: the typed builders have no date arithmetic).
    /// </summary>
    internal static PipelineDefinition<PlayDocument, ArtistDayRow> ArtistDaysPipeline(PlayScope scope, IReadOnlyList<string> artistKeys, LocalDayOffsets offsets)
    {
        BsonValue offset = offsets.Spans[0].OffsetMs;
        if (offsets.Spans.Count > 1)
        {
            var branches = new BsonArray();
            for (var i = offsets.Spans.Count - 1; i >= 1; i--)
            {
                branches.Add(new BsonDocument
                {
                    ["case"] = new BsonDocument("$gte", new BsonArray { "$playedAt", new BsonDateTime(offsets.Spans[i].FromMs) }),
                    ["then"] = offsets.Spans[i].OffsetMs,
                });
            }

            offset = new BsonDocument("$switch", new BsonDocument { ["branches"] = branches, ["default"] = offsets.Spans[0].OffsetMs });
        }

        var day = new BsonDocument("$floor", new BsonDocument("$divide", new BsonArray
        {
            new BsonDocument("$add", new BsonArray { new BsonDocument("$subtract", new BsonArray { "$playedAt", new BsonDateTime(0) }), offset }),
            PlayDayRollups.DayMs,
        }));
        var group = new BsonDocument("$group", new BsonDocument
        {
            { "_id", new BsonDocument { { "artistKey", "$artistKey" }, { "day", day } } },
            { "plays", new BsonDocument("$sum", 1) },
        });
        return new EmptyPipelineDefinition<PlayDocument>()
            .Match(ScopeFilter(scope) & Filter.In(p => p.ArtistKey, artistKeys))
            .AppendStage<PlayDocument, PlayDocument, ArtistDayRow>(group);
    }

    /// <summary>
    /// <see cref="RankSpellings"/> with the keys whose first play lies in the range kept before the ranking's limit: a
    /// key's spellings summed, its most-played spelling as the name, ranked by plays, time and key.
    /// </summary>
    internal static PipelineDefinition<TInput, TopRow> DiscoveriesPipeline<TInput>(
        PipelineDefinition<TInput, TopSpelling> spellings, PlayScope firstPlayedIn, int limit) =>
        KeysFirstPlayedIn(spellings, firstPlayedIn)
            .Sort(Builders<TopRow>.Sort
                .Descending(r => r.Plays)
                .Descending(r => r.MsPlayed)
                .Ascending(r => r.Key))
            .Limit(limit);

    /// <summary>How many keys <see cref="DiscoveriesPipeline"/> ranks.</summary>
    internal static PipelineDefinition<TInput, AggregateCountResult> DiscoveryCountPipeline<TInput>(
        PipelineDefinition<TInput, TopSpelling> spellings, PlayScope firstPlayedIn) =>
        KeysFirstPlayedIn(spellings, firstPlayedIn).Count();

    private static PipelineDefinition<TInput, TopRow> KeysFirstPlayedIn<TInput>(PipelineDefinition<TInput, TopSpelling> spellings, PlayScope firstPlayedIn) =>
        KeysOf(spellings)
            .Match(Builders<TopRow>.Filter.Gte(r => r.FirstPlayedAt, MongoTime.ToBson(firstPlayedIn.From))
                & Builders<TopRow>.Filter.Lt(r => r.FirstPlayedAt, MongoTime.ToBson(firstPlayedIn.To)));

    /// <summary>
    /// One row per key from its spellings: plays, time and first/last play summed over them, and the most-played spelling
    /// (ties: smallest name, then smallest artist) as the name, taken by the $group's $first after the sort.
    /// </summary>
    private static PipelineDefinition<TInput, TopRow> KeysOf<TInput>(PipelineDefinition<TInput, TopSpelling> spellings) =>
        spellings
            .Sort(Builders<TopSpelling>.Sort
                .Ascending(s => s.Id.Key)
                .Descending(s => s.Plays)
                .Ascending(s => s.Id.Name)
                .Ascending(s => s.Id.ArtistName))
            .Group(
                s => s.Id.Key,
                g => new TopRow
                {
                    Key = g.Key,
                    Name = g.First().Id.Name,
                    ArtistName = g.First().Id.ArtistName,
                    Plays = g.Sum(s => s.Plays),
                    MsPlayed = g.Sum(s => s.MsPlayed),
                    FirstPlayedAt = g.Min(s => s.FirstPlayedAt),
                    LastPlayedAt = g.Max(s => s.LastPlayedAt),
                });

    /// <summary>
    /// The plays with a <c>skipped</c> field (extended history) counted per spelling, then per key with the most-played
    /// spelling as the name (as <see cref="RankSpellings"/> picks it), keeping the keys with at least <paramref name="minSkipped"/> skips.
    /// </summary>
    internal static PipelineDefinition<PlayDocument, SkipRow> SkipCountsPipeline(PlayScope scope, TopKind kind, int minSkipped)
    {
        var match = ScopeFilter(scope) & Filter.Ne(p => p.Skipped, null);
        if (kind == TopKind.Albums)
        {
            match &= Filter.Nin(p => p.AlbumName, [null, string.Empty]);
        }

        return new EmptyPipelineDefinition<PlayDocument>()
            .Match(match)
            .Group(
                SpellingOf(kind),
                g => new SkipSpelling { Id = g.Key, Plays = g.Count(), Skipped = g.Sum(p => p.Skipped == true ? 1 : 0) })
            .Sort(Builders<SkipSpelling>.Sort
                .Ascending(s => s.Id.Key)
                .Descending(s => s.Plays)
                .Ascending(s => s.Id.Name)
                .Ascending(s => s.Id.ArtistName))
            .Group(
                s => s.Id.Key,
                g => new SkipRow
                {
                    Key = g.Key,
                    Name = g.First().Id.Name,
                    ArtistName = g.First().Id.ArtistName,
                    Plays = g.Sum(s => s.Plays),
                    Skipped = g.Sum(s => s.Skipped),
                })
            .Match(Builders<SkipRow>.Filter.Gte(r => r.Skipped, minSkipped));
    }

    internal static PipelineDefinition<PlayDocument, PlayDocument> RecentPipeline(string userId, int limit) =>
        new EmptyPipelineDefinition<PlayDocument>()
            .Match(Filter.Eq(p => p.UserId, userId))
            .Sort(Builders<PlayDocument>.Sort.Descending(p => p.PlayedAt).Ascending(p => p.TrackId))
            .Limit(limit);

    internal static PipelineDefinition<PlayDocument, StampRow> StampsPipeline(PlayScope scope) =>
        new EmptyPipelineDefinition<PlayDocument>()
            .Match(ScopeFilter(scope))
            .Sort(Builders<PlayDocument>.Sort.Ascending(p => p.PlayedAt).Ascending(p => p.TrackId))
            .Project(p => new StampRow { PlayedAt = p.PlayedAt, TrackId = p.TrackId, TrackKey = p.TrackKey, Source = p.Source, MsPlayed = p.MsPlayed });

    // Served by the {userId, playedAt: -1} index, read newest first up to the first tracked play.
    internal static PipelineDefinition<PlayDocument, LatestRow> LatestTrackedPipeline(string userId) =>
        new EmptyPipelineDefinition<PlayDocument>()
            .Match(Filter.Eq(p => p.UserId, userId) & Filter.Eq(p => p.Source, PlayDocument.Tracked))
            .Sort(Builders<PlayDocument>.Sort.Descending(p => p.PlayedAt))
            .Limit(1)
            .Project(p => new LatestRow { PlayedAt = p.PlayedAt });

    internal static PipelineDefinition<PlayDocument, AggregateCountResult> CountPipeline(PlayScope scope) =>
        new EmptyPipelineDefinition<PlayDocument>()
            .Match(ScopeFilter(scope))
            .Count();

    /// <summary>The next page of a user's plays to move, in the unique index's order.</summary>
    internal static PipelineDefinition<PlayDocument, PlayDocument> PagePipeline(string userId) =>
        new EmptyPipelineDefinition<PlayDocument>()
            .Match(Filter.Eq(p => p.UserId, userId))
            .Sort(Builders<PlayDocument>.Sort.Ascending(p => p.PlayedAt).Ascending(p => p.TrackId))
            .Limit(BatchSize);

    /// <summary>Which of a batch's ids are stored, looked up by the users too so a sharded cluster targets their shards.</summary>
    internal static PipelineDefinition<PlayDocument, PlayIdRow> StoredIdsPipeline(IReadOnlyList<PlayDocument> batch) =>
        new EmptyPipelineDefinition<PlayDocument>()
            .Match(UserFilter([.. batch.Select(p => p.UserId).Distinct(StringComparer.Ordinal)]) & Filter.In(p => p.Id, batch.Select(p => p.Id)))
            .Project(p => new PlayIdRow { Id = p.Id });

    private static FilterDefinition<PlayDocument> UserFilter(IReadOnlyList<string> userIds) =>
        userIds.Count == 1 ? Filter.Eq(p => p.UserId, userIds[0]) : Filter.In(p => p.UserId, userIds);

    private static Expression<Func<PlayDocument, TopSpellingKey>> SpellingOf(TopKind kind) => kind switch
    {
        TopKind.Tracks => p => new TopSpellingKey { Key = p.TrackKey, Name = p.TrackName, ArtistName = p.ArtistName },
        TopKind.Artists => p => new TopSpellingKey { Key = p.ArtistKey, Name = p.ArtistName, ArtistName = null },
        TopKind.Albums => p => new TopSpellingKey { Key = p.AlbumKey, Name = p.AlbumName!, ArtistName = p.ArtistName },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown top kind."),
    };

    private Task<List<T>> RunAsync<T>(PipelineDefinition<PlayDocument, T> pipeline, CancellationToken cancellationToken) =>
        _engine.AggregateAsync(_plays, pipeline, cancellationToken);
}

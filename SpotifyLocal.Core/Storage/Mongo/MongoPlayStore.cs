using System.Linq.Expressions;
using MongoDB.Driver;
using MongoDB.Driver.Linq;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// <see cref="IPlayStore"/> on the <c>plays</c> collection. Every read is an aggregation pipeline that
/// starts with <c>$match</c> on <c>userId</c> (and the <c>playedAt</c> range) so the indexes below serve it;
/// the pipelines are built by internal methods so tests can render them without a server.
/// </summary>
public sealed class MongoPlayStore : IPlayStore
{
    /// <summary>Plays per InsertMany call (the seed's batch size).</summary>
    internal const int BatchSize = 1000;

    private static readonly FilterDefinitionBuilder<PlayDocument> Filter = Builders<PlayDocument>.Filter;
    private static readonly IndexKeysDefinitionBuilder<PlayDocument> Keys = Builders<PlayDocument>.IndexKeys;
    private static readonly AggregateOptions Aggregation = new() { AllowDiskUse = true };
    private static readonly InsertManyOptions Unordered = new() { IsOrdered = false };

    private readonly IMongoCollection<PlayDocument> _plays;
    private readonly IMongoCollection<PlayWriteLockDocument> _writeLocks;
    private readonly TimeProvider _time;

    static MongoPlayStore() => MongoConventions.EnsureRegistered();

    public MongoPlayStore(MongoCollections collections, TimeProvider? time = null)
    {
        _plays = collections.Plays;
        _writeLocks = collections.PlayWriteLocks;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The indexes this store's queries rely on, created by <see cref="MongoStorageInitializer"/>.</summary>
    internal static IReadOnlyList<CreateIndexModel<PlayDocument>> Indexes => [UniquePlay, NewestFirst];

    // ---- Writes -------------------------------------------------------------------------------

    /// <summary>
    /// Gives account-data plays stored before they had a source of their own the shape new imports have
    /// (<see cref="PlaySource.AccountData"/>, id + '@' + msPlayed), as SQLite's migration 3 does. Idempotent.
    /// </summary>
    internal static async Task MigrateAccountDataPlaysAsync(IMongoCollection<PlayDocument> plays, CancellationToken cancellationToken)
    {
        var legacy = Filter.Eq(p => p.Source, PlayDocument.Import)
            & Filter.Regex(p => p.TrackId, new MongoDB.Bson.BsonRegularExpression("^local:track:[0-9a-f]+$"));
        // No builder renders an update pipeline with $concat/$toString; one stage as BSON.
        var stage = new MongoDB.Bson.BsonDocument("$set", new MongoDB.Bson.BsonDocument
        {
            ["source"] = PlayDocument.AccountData,
            ["trackId"] = new MongoDB.Bson.BsonDocument("$concat", new MongoDB.Bson.BsonArray { "$trackId", "@", new MongoDB.Bson.BsonDocument("$toString", "$msPlayed") }),
        });
        var update = Builders<PlayDocument>.Update.Pipeline(new MongoDB.Bson.BsonDocument[] { stage });
        await plays.UpdateManyAsync(legacy, update, cancellationToken: cancellationToken);
    }

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

        return result.Add(new InsertResult(0, repeats));
    }

    public async Task<InsertResult> InsertMatchedAsync(string userId, IReadOnlyList<Play> plays, CancellationToken cancellationToken)
    {
        if (plays.Count == 0)
        {
            return InsertResult.Empty;
        }

        await using var held = await MongoPlayWriteLock.AcquireAsync(_writeLocks, userId, _time, cancellationToken);
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

        // Copy then delete, batch by batch: the unique index drops the plays the target already has,
        // and only the copied ids are deleted, so a play arriving meanwhile is never lost. No sort: the
        // cursor streams from the userId index instead of sorting every play of the user in memory first.
        var result = InsertResult.Empty;
        var options = new FindOptions<PlayDocument> { BatchSize = BatchSize };
        using var cursor = await _plays.FindAsync(Filter.Eq(p => p.UserId, fromUserId), options, cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            var moved = cursor.Current.ToList();
            if (moved.Count == 0)
            {
                continue;
            }

            result = result.Add(await InsertBatchAsync([.. moved.Select(p => p.ForUser(toUserId))], cancellationToken));
            await _plays.DeleteManyAsync(Filter.In(p => p.Id, moved.Select(p => p.Id)), cancellationToken);
        }

        return result;
    }

    public async Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        var deleted = await _plays.DeleteManyAsync(Filter.Eq(p => p.UserId, userId), cancellationToken);
        return deleted.DeletedCount;
    }

    private async Task<InsertResult> InsertBatchAsync(IReadOnlyList<PlayDocument> batch, CancellationToken cancellationToken)
    {
        try
        {
            await _plays.InsertManyAsync(batch, Unordered, cancellationToken);
            return new InsertResult(batch.Count, 0);
        }
        catch (MongoBulkWriteException<PlayDocument> ex) when (IsOnlyDuplicates(ex))
        {
            return new InsertResult(batch.Count - ex.WriteErrors.Count, ex.WriteErrors.Count);
        }
    }

    /// <summary>True when every failed insert of an unordered batch hit the unique index and nothing else went wrong.</summary>
    internal static bool IsOnlyDuplicates<T>(MongoBulkWriteException<T> ex) =>
        ex.WriteConcernError is null
        && ex.UnprocessedRequests.Count == 0
        && ex.WriteErrors.Count > 0
        && ex.WriteErrors.All(e => e.Category == ServerErrorCategory.DuplicateKey);

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
        return [.. rows.Select(r => new ListeningBucket(MongoTime.FromBson(r.StartUtc), r.Plays, r.MsPlayed))];
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

    internal static PipelineDefinition<PlayDocument, TopRow> TopPipeline(PlayScope scope, TopKind kind, int limit)
    {
        var match = kind == TopKind.Albums
            ? ScopeFilter(scope) & Filter.Nin(p => p.AlbumName, [null, string.Empty])
            : ScopeFilter(scope);

        // Count each spelling, order the spellings of a key most-played first (ties: smallest name,
        // then smallest artist), and let the second $group take the first one as the display name.
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
                })
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
                })
            .Sort(Builders<TopRow>.Sort
                .Descending(r => r.Plays)
                .Descending(r => r.MsPlayed)
                .Ascending(r => r.Key))
            .Limit(limit);
    }

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
                g => new BucketRow { StartUtc = g.Key, Plays = g.Count(), MsPlayed = g.Sum(p => (long)p.MsPlayed) })
            .Sort(Builders<BucketRow>.Sort.Ascending(b => b.StartUtc));

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

    private static FilterDefinition<PlayDocument> UserFilter(IReadOnlyList<string> userIds) =>
        userIds.Count == 1 ? Filter.Eq(p => p.UserId, userIds[0]) : Filter.In(p => p.UserId, userIds);

    private static Expression<Func<PlayDocument, TopSpellingKey>> SpellingOf(TopKind kind) => kind switch
    {
        TopKind.Tracks => p => new TopSpellingKey { Key = p.TrackKey, Name = p.TrackName, ArtistName = p.ArtistName },
        TopKind.Artists => p => new TopSpellingKey { Key = p.ArtistKey, Name = p.ArtistName, ArtistName = null },
        TopKind.Albums => p => new TopSpellingKey { Key = p.AlbumKey, Name = p.AlbumName!, ArtistName = p.ArtistName },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown top kind."),
    };

    private async Task<List<T>> RunAsync<T>(PipelineDefinition<PlayDocument, T> pipeline, CancellationToken cancellationToken)
    {
        using var cursor = await _plays.AggregateAsync(pipeline, Aggregation, cancellationToken);
        return await cursor.ToListAsync(cancellationToken);
    }
}

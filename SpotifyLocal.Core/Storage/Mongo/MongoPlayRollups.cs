using MongoDB.Bson;
using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// Keeps <see cref="PlayRollups"/>' rule on MongoDB: <c>play_rollups</c> holds one document per rollup row, upserted
/// (<c>$inc</c>, <c>$min</c>, <c>$max</c>) from exactly the plays each write stored; <c>play_rollup_states</c> says per
/// user whether they are exact. Without multi-document transactions a write changes plays and rollups one after the
/// other, so it marks the user pending first and clears the mark after; an interrupted write leaves the mark and reads
/// group the plays instead (exact, slower). The same writes keep the UTC day rows of <see cref="PlayDayRollups"/> in
/// <c>play_day_rollups</c> and its UTC month rows in <c>play_month_rollups</c> under the same state
/// (<see cref="PlayRollupStateDocument.Days"/> and <see cref="PlayRollupStateDocument.Months"/> once they are built).
/// </summary>
internal sealed class MongoPlayRollups(MongoCollections collections, IMongoEngine engine)
{
    private static readonly FilterDefinitionBuilder<PlayRollupDocument> Filter = Builders<PlayRollupDocument>.Filter;
    private static readonly FilterDefinitionBuilder<PlayRollupStateDocument> StateFilter = Builders<PlayRollupStateDocument>.Filter;
    private static readonly FilterDefinitionBuilder<PlayDocument> PlayFilter = Builders<PlayDocument>.Filter;

    private readonly IMongoCollection<PlayRollupDocument> _rollups = collections.PlayRollups;
    private readonly IMongoCollection<PlayRollupStateDocument> _states = collections.PlayRollupStates;
    private readonly IMongoCollection<PlayDocument> _plays = collections.Plays;
    private readonly IMongoCollection<PlayDayRollupDocument> _days = collections.PlayDayRollups;
    private readonly IMongoCollection<PlayDayRollupDocument> _months = collections.PlayMonthRollups;
    private static readonly FilterDefinitionBuilder<PlayDayRollupDocument> DayFilter = Builders<PlayDayRollupDocument>.Filter;

    internal static IReadOnlyList<CreateIndexModel<PlayDayRollupDocument>> DayIndexes => [UniqueDayRow];

    // The month rows share the day rows' shape and identity (day = the month's first day), so the same index serves both.
    internal static IReadOnlyList<CreateIndexModel<PlayDayRollupDocument>> MonthIndexes => [UniqueDayRow];

    // The day rule's row identity; a period's top list reads one user's rows of a kind by a day range on its prefix.
    internal static readonly CreateIndexModel<PlayDayRollupDocument> UniqueDayRow = new(
        Builders<PlayDayRollupDocument>.IndexKeys
            .Ascending(r => r.UserId).Ascending(r => r.Kind).Ascending(r => r.Day).Ascending(r => r.Key).Ascending(r => r.Name).Ascending(r => r.Artist),
        new CreateIndexOptions { Name = "userId_1_kind_1_day_1_key_1_name_1_artist_1", Unique = true });

    internal static IReadOnlyList<CreateIndexModel<PlayRollupDocument>> Indexes => [UniqueRow];

    // The rule's row identity: upserts find their row by it, and the top lists read a user's rows of one kind by its prefix.
    internal static readonly CreateIndexModel<PlayRollupDocument> UniqueRow = new(
        Builders<PlayRollupDocument>.IndexKeys
            .Ascending(r => r.UserId).Ascending(r => r.Kind).Ascending(r => r.Key).Ascending(r => r.Name).Ascending(r => r.Artist),
        new CreateIndexOptions { Name = "userId_1_kind_1_key_1_name_1_artist_1", Unique = true });

    // ---- Writes -------------------------------------------------------------------------------

    /// <summary>
    /// Marks the users pending before a write changes their plays and returns those whose rollups the write must
    /// keep: users with rollups, and new users (no plays yet, so their empty rollups are exact). A user whose plays
    /// predate the rollups is left to <see cref="BackfillAsync"/>.
    /// </summary>
    public async Task<IReadOnlySet<string>> BeginAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var users = userIds.Distinct(StringComparer.Ordinal).ToList();
        var kept = (await StatesAsync(users, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var userId in users.Where(u => !kept.Contains(u)))
        {
            if (!await HasPlaysAsync([userId], cancellationToken))
            {
                // A concurrent first write may have created it meanwhile: either way the user now has a state.
                await engine.TryInsertOneAsync(_states, new PlayRollupStateDocument { Id = userId, Days = true, Months = true }, cancellationToken);
                kept.Add(userId);
            }
        }

        await ChangePendingAsync(kept, +1, cancellationToken);
        return kept;
    }

    /// <summary>Adds the stored plays of the kept users to their rollups.</summary>
    public async Task FoldAsync(IEnumerable<PlayDocument> stored, IReadOnlySet<string> kept, CancellationToken cancellationToken)
    {
        var plays = stored.Where(p => kept.Contains(p.UserId)).Select(p => p.ToPlay()).ToList();
        var rows = PlayRollups.Fold(plays);
        var updates = rows
            .Select(row => new UpdateOneModel<PlayRollupDocument>(
                RowFilter(row.Id),
                Builders<PlayRollupDocument>.Update
                    .Inc(r => r.Plays, row.Plays)
                    .Inc(r => r.MsPlayed, row.MsPlayed)
                    .Min(r => r.FirstPlayedAt, MongoTime.ToBson(row.FirstPlayedAt))
                    .Max(r => r.LastPlayedAt, MongoTime.ToBson(row.LastPlayedAt)))
            { IsUpsert = true })
            .ToList();
        await engine.UpdateAsync(_rollups, updates, cancellationToken);
        await engine.UpdateAsync(_days, PeriodUpserts(PlayDayRollups.Fold(plays)), cancellationToken);
        await engine.UpdateAsync(_months, PeriodUpserts(PlayDayRollups.FoldMonths(plays)), cancellationToken);
    }

    /// <summary>The upserts adding some plays' day (or month) rows to the stored ones.</summary>
    private static List<UpdateOneModel<PlayDayRollupDocument>> PeriodUpserts(IEnumerable<PlayDayRollup> rows) =>
        [.. rows.Select(row => new UpdateOneModel<PlayDayRollupDocument>(
            DayRowFilter(row),
            Builders<PlayDayRollupDocument>.Update
                .Inc(r => r.Plays, row.Rollup.Plays)
                .Inc(r => r.MsPlayed, row.Rollup.MsPlayed)
                .Min(r => r.FirstPlayedAt, MongoTime.ToBson(row.Rollup.FirstPlayedAt))
                .Max(r => r.LastPlayedAt, MongoTime.ToBson(row.Rollup.LastPlayedAt)))
        { IsUpsert = true })];

    /// <summary>Clears the mark <see cref="BeginAsync"/> set, once the write's plays are in the rollups.</summary>
    public Task EndAsync(IReadOnlySet<string> kept, CancellationToken cancellationToken) => ChangePendingAsync(kept, -1, cancellationToken);

    /// <summary>Drops a user's rollups and state; call once all the user's plays are gone (state first, so reads group the plays meanwhile).</summary>
    public async Task DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        await engine.DeleteManyAsync(_states, StateFilter.Eq(s => s.Id, userId), cancellationToken);
        await engine.DeleteManyAsync(_rollups, Filter.Eq(r => r.UserId, userId), cancellationToken);
        await engine.DeleteManyAsync(_days, DayFilter.Eq(r => r.UserId, userId), cancellationToken);
        await engine.DeleteManyAsync(_months, DayFilter.Eq(r => r.UserId, userId), cancellationToken);
    }

    /// <summary>
    /// Builds the rollups of every user whose plays predate them (a database from before rollups): one scan of the
    /// user ids at start, then per such user three groupings of its plays. Returns how many users were built.
    /// </summary>
    public async Task<int> BackfillAsync(CancellationToken cancellationToken)
    {
        // The one command without a userId: a scan of the distinct user ids, served by the unique index.
        var owners = await engine.AggregateAsync(_plays, PlayOwnersPipeline(), cancellationToken);
        var states = await StatesAsync([.. owners.Select(o => o.Id)], cancellationToken);
        var built = 0;
        foreach (var owner in owners.Where(o => !states.ContainsKey(o.Id)))
        {
            if (await BuildAsync(owner.Id, cancellationToken))
            {
                built++;
            }
        }

        // Users whose all-time rows predate the day or the month rows: marked pending while the missing ones are built.
        foreach (var owner in owners.Where(o => states.TryGetValue(o.Id, out var state) && !(state.Days && state.Months)))
        {
            var state = states[owner.Id];
            var user = new HashSet<string>(StringComparer.Ordinal) { owner.Id };
            await ChangePendingAsync(user, +1, cancellationToken);
            if (!state.Days)
            {
                await BuildPeriodAsync(_days, owner.Id, BuildDaysPipeline, cancellationToken);
            }

            if (!state.Months)
            {
                await BuildPeriodAsync(_months, owner.Id, BuildMonthsPipeline, cancellationToken);
            }

            await engine.UpdateAsync(
                _states,
                [new UpdateOneModel<PlayRollupStateDocument>(
                    StateFilter.Eq(s => s.Id, owner.Id),
                    Builders<PlayRollupStateDocument>.Update.Set(s => s.Days, true).Set(s => s.Months, true))],
                cancellationToken);
            await ChangePendingAsync(user, -1, cancellationToken);
            built++;
        }

        return built;
    }

    /// <summary>Replaces one user's day (or month) rows with those grouped from its plays.</summary>
    private async Task BuildPeriodAsync(
        IMongoCollection<PlayDayRollupDocument> collection,
        string userId,
        Func<string, TopKind, PipelineDefinition<PlayDocument, DayBuildRow>> pipeline,
        CancellationToken cancellationToken)
    {
        await engine.DeleteManyAsync(collection, DayFilter.Eq(r => r.UserId, userId), cancellationToken);
        foreach (var kind in (TopKind[])[TopKind.Tracks, TopKind.Artists, TopKind.Albums])
        {
            var rows = await engine.AggregateAsync(_plays, pipeline(userId, kind), cancellationToken);
            foreach (var chunk in rows.Chunk(MongoPlayStore.BatchSize))
            {
                await engine.InsertManyAsync(collection, [.. chunk.Select(r => r.ToDocument(userId, kind))], cancellationToken);
            }
        }
    }

    /// <summary>One user's day rows of a kind, grouped from its plays by <see cref="PlayDayRollups.DayOf"/>.</summary>
    internal static PipelineDefinition<PlayDocument, DayBuildRow> BuildDaysPipeline(string userId, TopKind kind) =>
        BuildPeriodPipeline(userId, kind, DayNumber("$playedAt"));

    /// <summary>
    /// One user's month rows of a kind, grouped from its plays by <see cref="PlayDayRollups.MonthOf"/>: <c>$dateTrunc</c>
    /// to the UTC month (MongoDB 5.0, the oldest server we support), then that instant's day number.
    /// </summary>
    internal static PipelineDefinition<PlayDocument, DayBuildRow> BuildMonthsPipeline(string userId, TopKind kind) =>
        BuildPeriodPipeline(userId, kind, DayNumber(new BsonDocument("$dateTrunc", new BsonDocument { { "date", "$playedAt" }, { "unit", "month" } })));

    /// <summary>
    /// The UTC day number of a date expression. The typed builders have no UTC day of a date; <c>$subtract</c> of two
    /// dates gives milliseconds, floored to the day like <see cref="PlayDayRollups.DayOf"/>.
    /// </summary>
    private static BsonDocument DayNumber(BsonValue date) =>
        new("$floor", new BsonDocument("$divide", new BsonArray
        {
            new BsonDocument("$subtract", new BsonArray { date, new BsonDateTime(0) }),
            PlayDayRollups.DayMs,
        }));

    /// <summary>One user's period rows of a kind, grouped from its plays by a bucket expression (BsonDocument stages, see <see cref="DayNumber"/>).</summary>
    private static PipelineDefinition<PlayDocument, DayBuildRow> BuildPeriodPipeline(string userId, TopKind kind, BsonDocument bucket)
    {
        var (key, name, artist) = kind switch
        {
            TopKind.Tracks => ((BsonValue)"$trackKey", (BsonValue)"$trackName", (BsonValue)"$artistName"),
            TopKind.Artists => ("$artistKey", "$artistName", new BsonDocument("$literal", string.Empty)),
            TopKind.Albums => ("$albumKey", "$albumName", "$artistName"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown top kind."),
        };
        var match = new BsonDocument("userId", userId);
        if (kind == TopKind.Albums)
        {
            match.Add("albumName", new BsonDocument("$nin", new BsonArray { BsonNull.Value, string.Empty }));
        }

        return PipelineDefinition<PlayDocument, DayBuildRow>.Create(
            new BsonDocument("$match", match),
            new BsonDocument("$group", new BsonDocument
            {
                { "_id", new BsonDocument { { "key", key }, { "name", name }, { "artistName", artist }, { "day", bucket } } },
                { "plays", new BsonDocument("$sum", 1) },
                { "msPlayed", new BsonDocument("$sum", "$msPlayed") },
                { "firstPlayedAt", new BsonDocument("$min", "$playedAt") },
                { "lastPlayedAt", new BsonDocument("$max", "$playedAt") },
            }));
    }

    private async Task<bool> BuildAsync(string userId, CancellationToken cancellationToken)
    {
        // Created pending: reads keep grouping the plays until the rows below are complete.
        if (!await engine.TryInsertOneAsync(_states, new PlayRollupStateDocument { Id = userId, Pending = 1, Days = true, Months = true }, cancellationToken))
        {
            return false;
        }

        await engine.DeleteManyAsync(_rollups, Filter.Eq(r => r.UserId, userId), cancellationToken);
        foreach (var kind in (TopKind[])[TopKind.Tracks, TopKind.Artists, TopKind.Albums])
        {
            var rows = await engine.AggregateAsync(_plays, BuildPipeline(userId, kind), cancellationToken);
            foreach (var chunk in rows.Chunk(MongoPlayStore.BatchSize))
            {
                await engine.InsertManyAsync(_rollups, [.. chunk.Select(r => r.ToDocument(userId, kind))], cancellationToken);
            }
        }

        await BuildPeriodAsync(_days, userId, BuildDaysPipeline, cancellationToken);
        await BuildPeriodAsync(_months, userId, BuildMonthsPipeline, cancellationToken);
        await ChangePendingAsync(new HashSet<string>(StringComparer.Ordinal) { userId }, -1, cancellationToken);
        return true;
    }

    private Task ChangePendingAsync(IReadOnlySet<string> userIds, int change, CancellationToken cancellationToken) =>
        engine.UpdateAsync(
            _states,
            [.. userIds.Order(StringComparer.Ordinal).Select(u => new UpdateOneModel<PlayRollupStateDocument>(
                StateFilter.Eq(s => s.Id, u), Builders<PlayRollupStateDocument>.Update.Inc(s => s.Pending, change)))],
            cancellationToken);

    // ---- Reads --------------------------------------------------------------------------------

    /// <summary>
    /// What the users' rollups can answer, read once per top list: the rows are exact when every user's rollups are
    /// built and not pending (or the user has no plays); the day and month rows when every built user has them too.
    /// Also the users' first and last play, which decide whether the all-time rows cover a range and how a period splits.
    /// </summary>
    public async Task<RollupReadiness> ReadinessAsync(IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var states = await StatesAsync(users, cancellationToken);
        var unbuilt = users.Where(u => !states.ContainsKey(u)).ToList();
        var exact = states.Values.All(s => s.Pending == 0) && (unbuilt.Count == 0 || !await HasPlaysAsync(unbuilt, cancellationToken));
        return new RollupReadiness(
            exact,
            exact && states.Values.All(s => s.Days),
            exact && states.Values.All(s => s.Days && s.Months),
            await BoundsAsync(users, cancellationToken));
    }

    /// <summary>
    /// True when the rollups answer the scope's top lists exactly: the rows are exact (<see cref="ReadinessAsync"/>) and
    /// no play of the users lies outside the range (<see cref="PlayRollups.Cover"/>).
    /// </summary>
    public async Task<bool> AnswerAsync(PlayScope scope, CancellationToken cancellationToken) =>
        Answers(scope, await ReadinessAsync([.. scope.UserIds.Distinct(StringComparer.Ordinal)], cancellationToken));

    /// <summary><see cref="AnswerAsync"/> from a readiness already read.</summary>
    public static bool Answers(PlayScope scope, RollupReadiness readiness) =>
        readiness.AllTime && PlayRollups.Cover(scope, readiness.Bounds.Earliest, readiness.Bounds.Latest);

    /// <summary>The users' earliest and latest stored play (two index reads).</summary>
    private async Task<PlayBounds> BoundsAsync(IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var earliest = await engine.AggregateAsync(_plays, EdgePipeline(users, newest: false), cancellationToken);
        var latest = await engine.AggregateAsync(_plays, EdgePipeline(users, newest: true), cancellationToken);
        return new PlayBounds(
            earliest.Count == 0 ? null : MongoTime.FromBson(earliest[0].PlayedAt),
            latest.Count == 0 ? null : MongoTime.FromBson(latest[0].PlayedAt));
    }

    /// <summary>
    /// How the day and month rows answer the scope (<see cref="PlayDayRollups.Split"/>, widened past the users' first and
    /// last play, as on SQLite): null when the range holds no whole UTC day or some user's day rows are not exact (the
    /// edges come from the plays, so any range works). The split keeps its whole UTC months only when every user's month
    /// rows are built; otherwise the day rows answer every whole day.
    /// </summary>
    public static DaySplit? Split(PlayScope scope, RollupReadiness readiness)
    {
        if (!readiness.Days || PlayDayRollups.Split(scope, readiness.Bounds.Earliest, readiness.Bounds.Latest) is not { } split)
        {
            return null;
        }

        return readiness.Months ? split : new DaySplit(split.FromMs, split.FirstDay, split.EndDay, split.ToMs);
    }

    /// <summary>
    /// The spellings of the day (or month) rows whose bucket lies in one of the ranges [From, To), summed per spelling
    /// (artists' artist is "").
    /// </summary>
    internal static PipelineDefinition<PlayDayRollupDocument, TopSpelling> PeriodSpellingsPipeline(
        IReadOnlyList<string> userIds, TopKind kind, IReadOnlyList<(long From, long To)> buckets)
    {
        var inBuckets = buckets.Select(b => DayFilter.Gte(r => r.Day, b.From) & DayFilter.Lt(r => r.Day, b.To)).ToList();
        return new EmptyPipelineDefinition<PlayDayRollupDocument>()
            .Match((userIds.Count == 1 ? DayFilter.Eq(r => r.UserId, userIds[0]) : DayFilter.In(r => r.UserId, userIds))
                & DayFilter.Eq(r => r.Kind, PlayRollupDocument.ToElement(kind))
                & (inBuckets.Count == 1 ? inBuckets[0] : DayFilter.Or(inBuckets)))
            .Group(
                r => new TopSpellingKey { Key = r.Key, Name = r.Name, ArtistName = r.Artist },
                g => new TopSpelling
                {
                    Id = g.Key,
                    Plays = g.Sum(r => r.Plays),
                    MsPlayed = g.Sum(r => r.MsPlayed),
                    FirstPlayedAt = g.Min(r => r.FirstPlayedAt),
                    LastPlayedAt = g.Max(r => r.LastPlayedAt),
                });
    }

    /// <summary>
    /// The rollup spellings of the whole UTC days of a split: the month rows of [MonthsFrom, MonthsTo) and the day rows
    /// of [FirstDay, MonthsFrom) and [MonthsTo, EndDay) (every whole day when the split has no months); one aggregate each.
    /// </summary>
    public async Task<List<TopSpelling>> PeriodSpellingsAsync(IReadOnlyList<string> userIds, TopKind kind, DaySplit split, CancellationToken cancellationToken)
    {
        var spellings = split.HasMonths
            ? await engine.AggregateAsync(_months, PeriodSpellingsPipeline(userIds, kind, [(split.MonthsFrom, split.MonthsTo)]), cancellationToken)
            : [];
        (long From, long To)[] days = [.. new[] { (split.FirstDay, split.MonthsFrom), (split.MonthsTo, split.EndDay) }.Where(d => d.Item1 < d.Item2)];
        if (days.Length > 0)
        {
            spellings.AddRange(await engine.AggregateAsync(_days, PeriodSpellingsPipeline(userIds, kind, days), cancellationToken));
        }

        return spellings;
    }

    /// <summary>Every day row of the users (tests compare them with <see cref="PlayDayRollups.Fold"/> over the plays).</summary>
    public Task<IReadOnlyList<PlayDayRollup>> ListDaysAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        ListPeriodRowsAsync(_days, userIds, cancellationToken);

    /// <summary>Every month row of the users (tests compare them with <see cref="PlayDayRollups.FoldMonths"/> over the plays).</summary>
    public Task<IReadOnlyList<PlayDayRollup>> ListMonthsAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        ListPeriodRowsAsync(_months, userIds, cancellationToken);

    private async Task<IReadOnlyList<PlayDayRollup>> ListPeriodRowsAsync(
        IMongoCollection<PlayDayRollupDocument> collection, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        var rows = await engine.AggregateAsync(
            collection,
            new EmptyPipelineDefinition<PlayDayRollupDocument>().Match(DayFilter.In(r => r.UserId, userIds)),
            cancellationToken);
        return [.. rows.Select(r => r.ToDayRollup())];
    }

    /// <summary>Every rollup row of the users (tests compare them with <see cref="PlayRollups.Fold"/> over the plays).</summary>
    public async Task<IReadOnlyList<PlayRollup>> ListAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        var rows = await engine.AggregateAsync(
            _rollups,
            new EmptyPipelineDefinition<PlayRollupDocument>().Match(UsersOf(userIds)),
            cancellationToken);
        return [.. rows.Select(r => r.ToRollup())];
    }

    public async Task<IReadOnlyList<TopItem>> GetTopAsync(PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        var rows = await engine.AggregateAsync(_rollups, TopPipeline(scope.UserIds, kind, limit), cancellationToken);
        // Artists have no artist line; their rows hold "" there so the row identity has no null part.
        return [.. rows.Select(r => r.ToTopItem()).Select(i => kind == TopKind.Artists ? i with { ArtistName = null } : i)];
    }

    /// <summary>The keys first played in the range, from the users' rows (call when <see cref="AnswerAsync"/> says they are exact).</summary>
    public async Task<DiscoveryList> GetDiscoveriesAsync(
        IReadOnlyList<string> userIds, PlayScope firstPlayedIn, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        var spellings = SpellingsPipeline(userIds, kind);
        var rows = await engine.AggregateAsync(_rollups, MongoPlayStore.DiscoveriesPipeline(spellings, firstPlayedIn, limit), cancellationToken);
        var count = await engine.AggregateAsync(_rollups, MongoPlayStore.DiscoveryCountPipeline(spellings, firstPlayedIn), cancellationToken);
        var items = rows.Select(r => r.ToTopItem()).Select(i => kind == TopKind.Artists ? i with { ArtistName = null } : i);
        return new DiscoveryList(count.Count == 0 ? 0 : (int)count[0].Count, [.. items]);
    }

    /// <summary>The same ranking as <see cref="MongoPlayStore.TopPipeline"/>, summing the users' rows instead of counting plays.</summary>
    internal static PipelineDefinition<PlayRollupDocument, TopRow> TopPipeline(IReadOnlyList<string> userIds, TopKind kind, int limit) =>
        MongoPlayStore.RankSpellings(SpellingsPipeline(userIds, kind), limit);

    /// <summary>The users' rows of a kind summed per spelling.</summary>
    internal static PipelineDefinition<PlayRollupDocument, TopSpelling> SpellingsPipeline(IReadOnlyList<string> userIds, TopKind kind) =>
        new EmptyPipelineDefinition<PlayRollupDocument>()
            .Match(UsersOf(userIds) & Filter.Eq(r => r.Kind, PlayRollupDocument.ToElement(kind)))
            .Group(
                r => new TopSpellingKey { Key = r.Key, Name = r.Name, ArtistName = r.Artist },
                g => new TopSpelling
                {
                    Id = g.Key,
                    Plays = g.Sum(r => r.Plays),
                    MsPlayed = g.Sum(r => r.MsPlayed),
                    FirstPlayedAt = g.Min(r => r.FirstPlayedAt),
                    LastPlayedAt = g.Max(r => r.LastPlayedAt),
                });

    /// <summary>One user's rollup rows of a kind, grouped from its plays (the backfill).</summary>
    internal static PipelineDefinition<PlayDocument, RollupBuildRow> BuildPipeline(string userId, TopKind kind)
    {
        var match = PlayFilter.Eq(p => p.UserId, userId);
        var grouped = new EmptyPipelineDefinition<PlayDocument>().Match(
            kind == TopKind.Albums ? match & PlayFilter.Nin(p => p.AlbumName, [null, string.Empty]) : match);
        var spelling = kind switch
        {
            TopKind.Tracks => grouped.Group(
                p => new TopSpellingKey { Key = p.TrackKey, Name = p.TrackName, ArtistName = p.ArtistName }, Row),
            TopKind.Artists => grouped.Group(
                p => new TopSpellingKey { Key = p.ArtistKey, Name = p.ArtistName, ArtistName = string.Empty }, Row),
            TopKind.Albums => grouped.Group(
                p => new TopSpellingKey { Key = p.AlbumKey, Name = p.AlbumName!, ArtistName = p.ArtistName }, Row),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown top kind."),
        };
        return spelling;
    }

    private static readonly System.Linq.Expressions.Expression<Func<IGrouping<TopSpellingKey, PlayDocument>, RollupBuildRow>> Row =
        g => new RollupBuildRow
        {
            Id = g.Key,
            Plays = g.Count(),
            MsPlayed = g.Sum(p => (long)p.MsPlayed),
            FirstPlayedAt = g.Min(p => p.PlayedAt),
            LastPlayedAt = g.Max(p => p.PlayedAt),
        };

    /// <summary>The earliest (or newest) play of the users: one index walk merged over the users.</summary>
    internal static PipelineDefinition<PlayDocument, LatestRow> EdgePipeline(IReadOnlyList<string> userIds, bool newest) =>
        new EmptyPipelineDefinition<PlayDocument>()
            .Match(PlaysOf(userIds))
            .Sort(newest ? Builders<PlayDocument>.Sort.Descending(p => p.PlayedAt) : Builders<PlayDocument>.Sort.Ascending(p => p.PlayedAt))
            .Limit(1)
            .Project(p => new LatestRow { PlayedAt = p.PlayedAt });

    internal static PipelineDefinition<PlayDocument, PlayOwnerRow> PlayOwnersPipeline() =>
        new EmptyPipelineDefinition<PlayDocument>()
            .Sort(Builders<PlayDocument>.Sort.Ascending(p => p.UserId))
            .Group(p => p.UserId, g => new PlayOwnerRow { Id = g.Key });

    internal static PipelineDefinition<PlayRollupStateDocument, PlayRollupStateDocument> StatesPipeline(IReadOnlyList<string> userIds) =>
        new EmptyPipelineDefinition<PlayRollupStateDocument>()
            .Match(userIds.Count == 1 ? StateFilter.Eq(s => s.Id, userIds[0]) : StateFilter.In(s => s.Id, userIds));

    private async Task<Dictionary<string, PlayRollupStateDocument>> StatesAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        userIds.Count == 0
            ? []
            : (await engine.AggregateAsync(_states, StatesPipeline(userIds), cancellationToken)).ToDictionary(s => s.Id, StringComparer.Ordinal);

    private async Task<bool> HasPlaysAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        (await engine.AggregateAsync(
            _plays,
            new EmptyPipelineDefinition<PlayDocument>().Match(PlaysOf(userIds)).Limit(1).Project(p => new LatestRow { PlayedAt = p.PlayedAt }),
            cancellationToken)).Count > 0;

    private static FilterDefinition<PlayRollupDocument> RowFilter(PlayRollupKey key) =>
        Filter.Eq(r => r.UserId, key.UserId)
        & Filter.Eq(r => r.Kind, PlayRollupDocument.ToElement(key.Kind))
        & Filter.Eq(r => r.Key, key.Key)
        & Filter.Eq(r => r.Name, key.Name)
        & Filter.Eq(r => r.Artist, key.Artist);

    private static FilterDefinition<PlayDayRollupDocument> DayRowFilter(PlayDayRollup row) =>
        DayFilter.Eq(r => r.UserId, row.Rollup.Id.UserId)
        & DayFilter.Eq(r => r.Kind, PlayRollupDocument.ToElement(row.Rollup.Id.Kind))
        & DayFilter.Eq(r => r.Day, row.Day)
        & DayFilter.Eq(r => r.Key, row.Rollup.Id.Key)
        & DayFilter.Eq(r => r.Name, row.Rollup.Id.Name)
        & DayFilter.Eq(r => r.Artist, row.Rollup.Id.Artist);

    private static FilterDefinition<PlayRollupDocument> UsersOf(IReadOnlyList<string> userIds) =>
        userIds.Count == 1 ? Filter.Eq(r => r.UserId, userIds[0]) : Filter.In(r => r.UserId, userIds);

    private static FilterDefinition<PlayDocument> PlaysOf(IReadOnlyList<string> userIds) =>
        userIds.Count == 1 ? PlayFilter.Eq(p => p.UserId, userIds[0]) : PlayFilter.In(p => p.UserId, userIds);
}

using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;
using Xunit;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>
/// Every pipeline the Mongo play store runs, rendered with the collection's own serializer and no server:
/// the driver translates LINQ at render time, so an untranslatable expression fails here, and each
/// pipeline must open with the indexed <c>$match</c>.
/// </summary>
public sealed class MongoPipelineTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(7);
    private static readonly PlayScope OneUser = PlayScope.ForUser("u1", From, To);
    private static readonly PlayScope TwoUsers = new(["u1", "u2"], From, To);

    // Never contacted: the driver connects on the first operation only.
    private static readonly MongoCollections Collections = new(new MongoClient("mongodb://127.0.0.1:9"), "render-only");

    public static TheoryData<string> ScopedPipelines =>
    [
        "top-tracks", "top-artists", "top-albums", "totals", "buckets", "stamps", "count",
    ];

    public static TheoryData<string> UserPipelines => ["recent", "latest"];

    [Theory]
    [MemberData(nameof(ScopedPipelines))]
    public void Scoped_pipelines_start_with_a_match_on_the_user_and_the_half_open_time_range(string name)
    {
        var stages = Render(name, TwoUsers);

        var match = FirstMatch(stages);
        Assert.Equal(new BsonArray { "u1", "u2" }, match["userId"]["$in"]);
        Assert.Equal(new BsonDateTime(From.UtcDateTime), match["playedAt"]["$gte"]);
        Assert.Equal(new BsonDateTime(To.UtcDateTime), match["playedAt"]["$lt"]);
    }

    [Theory]
    [MemberData(nameof(ScopedPipelines))]
    public void A_single_user_scope_matches_the_user_id_by_equality(string name)
    {
        var match = FirstMatch(Render(name, OneUser));

        Assert.Equal(new BsonString("u1"), match["userId"]);
    }

    [Theory]
    [MemberData(nameof(UserPipelines))]
    public void Per_user_pipelines_start_with_a_match_on_the_user(string name)
    {
        var match = FirstMatch(Render(name, OneUser));

        Assert.Equal(new BsonString("u1"), match["userId"]);
    }

    [Fact]
    public void Scope_bounds_are_truncated_to_whole_milliseconds_like_stored_play_times()
    {
        var scope = PlayScope.ForUser("u1", From.AddTicks(9_999), To.AddTicks(1));

        var match = FirstMatch(Render("count", scope));

        Assert.Equal(new BsonDateTime(From.UtcDateTime), match["playedAt"]["$gte"]);
        Assert.Equal(new BsonDateTime(To.UtcDateTime), match["playedAt"]["$lt"]);
    }

    [Fact]
    public void Top_albums_skip_plays_without_an_album_name_inside_the_first_match()
    {
        var match = FirstMatch(Render("top-albums", OneUser));

        Assert.Equal(new BsonArray { BsonNull.Value, "" }, match["albumName"]["$nin"]);
    }

    [Theory]
    [InlineData(TopKind.Tracks, "$trackKey", "$trackName")]
    [InlineData(TopKind.Artists, "$artistKey", "$artistName")]
    [InlineData(TopKind.Albums, "$albumKey", "$albumName")]
    public void Top_lists_group_spellings_by_the_kinds_key_then_rank_and_limit(TopKind kind, string key, string name)
    {
        var stages = Render(MongoPlayStore.TopPipeline(OneUser, kind, 25));

        var spellingId = stages.Single(s => s.Contains("$group") && s["$group"]["_id"].IsBsonDocument)["$group"]["_id"].AsBsonDocument;
        Assert.Equal(key, spellingId["key"].AsString);
        Assert.Equal(name, spellingId["name"].AsString);
        Assert.Equal(new BsonDocument { { "plays", -1 }, { "msPlayed", -1 }, { "key", 1 } }, stages[^2]["$sort"]);
        Assert.Equal(25, stages[^1]["$limit"].ToInt32());
    }

    [Fact]
    public void Listening_buckets_group_by_15_minute_slots_in_time_order()
    {
        var stages = Render("buckets", OneUser);

        var slot = stages[1]["$group"]["_id"]["$dateTrunc"];
        Assert.Equal("minute", slot["unit"].AsString);
        Assert.Equal(15, slot["binSize"].ToInt32());
        Assert.Equal(new BsonDocument("startUtc", 1), stages[^1]["$sort"]);
    }

    [Fact]
    public void Recent_plays_are_newest_first_with_track_id_breaking_ties()
    {
        var stages = Render(MongoPlayStore.RecentPipeline("u1", 5));

        Assert.Equal(new BsonDocument { { "playedAt", -1 }, { "trackId", 1 } }, stages[1]["$sort"]);
        Assert.Equal(5, stages[2]["$limit"].ToInt32());
    }

    [Fact]
    public void The_newest_first_index_serves_the_recent_plays_sort_after_the_user_id()
    {
        var keys = RenderKeys(MongoPlayStore.NewestFirst);
        var sort = Render(MongoPlayStore.RecentPipeline("u1", 5))[1]["$sort"].AsBsonDocument;

        Assert.Equal("userId", keys.GetElement(0).Name);
        Assert.Equal(sort.Elements, keys.Elements.Skip(1));
    }

    [Fact]
    public void The_unique_play_index_is_user_time_and_track()
    {
        var keys = RenderKeys(MongoPlayStore.UniquePlay);

        Assert.Equal(new BsonDocument { { "userId", 1 }, { "playedAt", 1 }, { "trackId", 1 } }, keys);
        Assert.True(MongoPlayStore.UniquePlay.Options.Unique);
    }

    [Fact]
    public void Chat_identities_are_unique_per_platform_and_chat_user()
    {
        var keys = MongoChatLinkStore.ByIdentity.Keys.Render(Args(Collections.ChatLinks));

        Assert.Equal(new BsonDocument { { "platform", 1 }, { "chatUserId", 1 } }, keys);
        Assert.True(MongoChatLinkStore.ByIdentity.Options.Unique);
    }

    [Fact]
    public void Only_active_import_jobs_take_part_in_the_one_per_user_unique_index()
    {
        var index = MongoImportJobStore.OneActivePerUser;
        var options = Assert.IsType<CreateIndexOptions<ImportJobDocument>>(index.Options);

        var partial = options.PartialFilterExpression.Render(Args(Collections.ImportJobs));

        Assert.True(options.Unique);
        Assert.Equal(new BsonDocument("active", true), partial);
        Assert.Equal("userId", index.Keys.Render(Args(Collections.ImportJobs)).GetElement(0).Name);
    }

    [Fact]
    public void Every_declared_index_names_fields_the_documents_store()
    {
        AssertIndexesNameStoredFields(Collections.Plays, MongoPlayStore.Indexes);
        AssertIndexesNameStoredFields(Collections.PlayRollups, MongoPlayRollups.Indexes);
        AssertIndexesNameStoredFields(Collections.PlayDayRollups, MongoPlayRollups.DayIndexes);
        AssertIndexesNameStoredFields(Collections.PlayMonthRollups, MongoPlayRollups.MonthIndexes);
        AssertIndexesNameStoredFields(Collections.Users, MongoUserStore.Indexes);
        AssertIndexesNameStoredFields(Collections.ChatLinks, MongoChatLinkStore.Indexes);
        AssertIndexesNameStoredFields(Collections.ImportJobs, MongoImportJobStore.Indexes);
    }

    private static void AssertIndexesNameStoredFields<T>(IMongoCollection<T> collection, IReadOnlyList<CreateIndexModel<T>> indexes)
    {
        var stored = BsonClassMap.LookupClassMap(typeof(T)).AllMemberMaps.Select(m => m.ElementName).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(indexes);
        Assert.Equal(indexes.Count, indexes.Select(i => i.Options.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(indexes.SelectMany(i => i.Keys.Render(Args(collection)).Names), field => Assert.Contains(field, stored));
    }

    private static List<BsonDocument> Render(string name, PlayScope scope) => name switch
    {
        "top-tracks" => Render(MongoPlayStore.TopPipeline(scope, TopKind.Tracks, 10)),
        "top-artists" => Render(MongoPlayStore.TopPipeline(scope, TopKind.Artists, 10)),
        "top-albums" => Render(MongoPlayStore.TopPipeline(scope, TopKind.Albums, 10)),
        "totals" => Render(MongoPlayStore.TotalsPipeline(scope)),
        "buckets" => Render(MongoPlayStore.BucketsPipeline(scope)),
        "stamps" => Render(MongoPlayStore.StampsPipeline(scope)),
        "count" => Render(MongoPlayStore.CountPipeline(scope)),
        "recent" => Render(MongoPlayStore.RecentPipeline(scope.UserIds[0], 10)),
        "latest" => Render(MongoPlayStore.LatestTrackedPipeline(scope.UserIds[0])),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static List<BsonDocument> Render<TOut>(PipelineDefinition<PlayDocument, TOut> pipeline) =>
        [.. pipeline.Render(Args(Collections.Plays)).Documents];

    private static BsonDocument RenderKeys(CreateIndexModel<PlayDocument> index) => index.Keys.Render(Args(Collections.Plays));

    private static RenderArgs<T> Args<T>(IMongoCollection<T> collection) => new(collection.DocumentSerializer, BsonSerializer.SerializerRegistry);

    private static BsonDocument FirstMatch(List<BsonDocument> stages)
    {
        Assert.NotEmpty(stages);
        Assert.Equal("$match", stages[0].GetElement(0).Name);
        return stages[0]["$match"].AsBsonDocument;
    }
}

using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;
using Xunit;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>Domain → document → BSON → document → domain, without a server, with the registered conventions.</summary>
public sealed class MongoDocumentMappingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    // Building the collections registers the conventions before any class map is made, as the host does.
    private static readonly MongoCollections Collections = new(new MongoClient("mongodb://127.0.0.1:9"), "mapping-only");

    [Fact]
    public void A_play_round_trips_through_bson_with_the_seed_field_names()
    {
        var play = Play.Create("u1", "spotify:track:1", "Jóga", "artist1", "Björk", "album1", "Homogenic", T0.AddMilliseconds(7), 305_000, 299_000, PlaySource.Tracked);

        var bson = Serialize(Collections.Plays, PlayDocument.From(play));
        var back = Deserialize(Collections.Plays, bson).ToPlay();

        Assert.Equal(play, back);
        Assert.Equal(
            ["_id", "userId", "trackId", "trackName", "artistId", "artistName", "albumId", "albumName", "playedAt", "durationMs", "msPlayed", "source", "trackKey", "artistKey", "albumKey"],
            bson.Names);
        Assert.Equal(new BsonDateTime(T0.AddMilliseconds(7).UtcDateTime), bson["playedAt"]);
        Assert.Equal("tracked", bson["source"].AsString);
    }

    [Fact]
    public void An_episode_play_round_trips_through_bson_with_camel_case_names_and_a_readable_kind()
    {
        var episode = EpisodePlay.Create("u1", T0.AddMilliseconds(7), "spotify:episode:1", "Chapter 1", "A Long Book", EpisodeKind.Audiobook, 600_000, PlaySource.Import);

        var bson = Serialize(Collections.EpisodePlays, EpisodePlayDocument.From(episode));
        var back = Deserialize(Collections.EpisodePlays, bson).ToEpisodePlay();

        Assert.Equal(episode, back);
        Assert.Equal(["_id", "userId", "playedAt", "episodeId", "episodeName", "showName", "kind", "msPlayed", "source"], bson.Names);
        Assert.Equal("audiobook", bson["kind"].AsString);
    }

    [Fact]
    public void An_imported_play_without_ids_or_album_keeps_its_nulls()
    {
        var play = Play.Create("telegram:1", "Сплин/Романс", "Романс", null, "Сплин", null, null, T0, 0, 31_000, PlaySource.Import);

        var bson = Serialize(Collections.Plays, PlayDocument.From(play));

        Assert.Equal(play, Deserialize(Collections.Plays, bson).ToPlay());
        Assert.Equal(BsonNull.Value, bson["albumName"]);
        Assert.Equal("import", bson["source"].AsString);
    }

    [Fact]
    public void An_extended_play_keeps_its_context_and_a_tracked_play_has_no_context_elements()
    {
        var context = new PlayContext(Skipped: true, "clickrow", null, Shuffle: false, "android", Offline: null);
        var play = Play.Create("u1", "spotify:track:1", "Song", null, "Band", null, null, T0, 0, 31_000, PlaySource.Import) with { Context = context };

        var bson = Serialize(Collections.Plays, PlayDocument.From(play));
        var tracked = Serialize(Collections.Plays, PlayDocument.From(play with { Context = null, Source = PlaySource.Tracked }));

        Assert.Equal(play, Deserialize(Collections.Plays, bson).ToPlay());
        Assert.True(bson["skipped"].AsBoolean);
        Assert.Equal("clickrow", bson["reasonStart"].AsString);
        Assert.False(bson.Contains("reasonEnd"));
        Assert.DoesNotContain(tracked.Names, n => n is "skipped" or "reasonStart" or "reasonEnd" or "shuffle" or "platform" or "offline");
        Assert.Null(Deserialize(Collections.Plays, tracked).ToPlay().Context);
    }

    [Fact]
    public void Play_times_are_stored_in_utc_with_sub_millisecond_ticks_dropped()
    {
        var offsetTime = new DateTimeOffset(2026, 3, 2, 12, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(9_999);
        var play = Play.Create("u1", "t", "Song", null, "Band", null, null, T0, 1, 1, PlaySource.Import) with { PlayedAt = offsetTime };

        var document = PlayDocument.From(play);

        Assert.Equal(DateTimeKind.Utc, document.PlayedAt.Kind);
        Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 0, 123, DateTimeKind.Utc), document.PlayedAt);
    }

    [Fact]
    public void Moving_a_play_to_another_user_keeps_every_field_but_the_user()
    {
        var document = PlayDocument.From(Play.Create("local", "t", "Song", "a", "Band", "b", "Record", T0, 1, 2, PlaySource.Import)
            with { Context = new PlayContext(false, "trackdone", "trackdone", true, "android", false) });
        document.Id = ObjectId.GenerateNewId();

        var moved = document.ForUser("spotify-user");

        Assert.Equal(document.ToPlay() with { UserId = "spotify-user" }, moved.ToPlay());
        Assert.Equal(ObjectId.Empty, moved.Id);
    }

    [Fact]
    public void A_user_round_trips_with_the_spotify_id_as_the_document_id()
    {
        var user = new User
        {
            SpotifyId = "alice",
            AccountId = "acc-1",
            DisplayName = "Alice",
            EncryptedAccessToken = "enc-a",
            EncryptedRefreshToken = "enc-r",
            TokenExpiresAt = T0.AddHours(1),
            ConsentedAt = T0,
            JoinedAt = T0.AddDays(-3),
            HasInitialImport = true,
            HasFullImport = true,
            LastCheckAt = T0.AddMinutes(2),
            TimeZone = "Europe/Berlin",
            LinkState = LinkState.NeedsRelink,
            RelinkReminderSentAt = T0.AddDays(1),
        };

        var bson = Serialize(Collections.Users, UserDocument.From(user));

        Assert.Equal(user, Deserialize(Collections.Users, bson).ToUser());
        Assert.Equal("alice", bson["_id"].AsString);
        Assert.False(bson.Contains("spotifyId"));
        Assert.Equal("needsRelink", bson["linkState"].AsString);
    }

    [Fact]
    public void A_local_user_with_defaults_round_trips()
    {
        var user = new User { SpotifyId = "discord:7", JoinedAt = T0 };

        Assert.Equal(user, Deserialize(Collections.Users, Serialize(Collections.Users, UserDocument.From(user))).ToUser());
    }

    [Theory]
    [InlineData(ImportJobStatus.Pending, true)]
    [InlineData(ImportJobStatus.Processing, true)]
    [InlineData(ImportJobStatus.Completed, false)]
    [InlineData(ImportJobStatus.Failed, false)]
    public void An_import_job_round_trips_and_marks_pending_and_processing_jobs_active(ImportJobStatus status, bool active)
    {
        var job = new ImportJob
        {
            Id = "job-1",
            UserId = "u1",
            Status = status,
            FileName = "my_spotify_data.zip",
            TotalTracks = 10,
            ProcessedTracks = 9,
            Inserted = 5,
            Duplicates = 2,
            Skipped = 2,
            SkippedByReason = new Dictionary<string, long> { ["podcast"] = 1, ["no-track"] = 1 },
            Error = status == ImportJobStatus.Failed ? "Not a Spotify export" : null,
            CreatedAt = T0,
            StartedAt = T0.AddSeconds(1),
            CompletedAt = active ? null : T0.AddSeconds(9),
        };

        var bson = Serialize(Collections.ImportJobs, ImportJobDocument.From(job));
        var back = Deserialize(Collections.ImportJobs, bson).ToImportJob();

        Assert.Equal(job with { SkippedByReason = back.SkippedByReason }, back);
        Assert.Equal(job.SkippedByReason, back.SkippedByReason);
        Assert.Equal(active, bson["active"].AsBoolean);
        Assert.Equal("job-1", bson["_id"].AsString);
        Assert.Equal(new BsonDocument { { "podcast", 1L }, { "no-track", 1L } }, bson["skippedByReason"]);
    }

    [Fact]
    public void Fields_written_by_a_newer_version_are_ignored_when_reading()
    {
        var bson = Serialize(Collections.Users, UserDocument.From(new User { SpotifyId = "bob", JoinedAt = T0 }));
        bson.Add("someFutureField", 42);

        Assert.Equal("bob", Deserialize(Collections.Users, bson).ToUser().SpotifyId);
    }

    [Fact]
    public void A_chat_link_names_its_identity_and_user()
    {
        var bson = Serialize(Collections.ChatLinks, new ChatLinkDocument { Platform = ChatIdentity.Telegram, ChatUserId = "42", UserId = "alice" });

        var back = Deserialize(Collections.ChatLinks, bson);

        Assert.Equal(new ChatIdentity(ChatIdentity.Telegram, "42"), back.ToIdentity());
        Assert.Equal(["_id", "platform", "chatUserId", "userId"], bson.Names);
    }

    [Fact]
    public void An_unknown_enum_value_in_the_database_fails_loudly()
    {
        var bson = Serialize(Collections.Plays, PlayDocument.From(Play.Create("u", "t", "n", null, "a", null, null, T0, 1, 1, PlaySource.Import)));
        bson["source"] = "radio";

        Assert.Throws<FormatException>(() => Deserialize(Collections.Plays, bson).ToPlay());
    }

    private static BsonDocument Serialize<T>(IMongoCollection<T> collection, T document)
    {
        var bson = new BsonDocument();
        using (var writer = new MongoDB.Bson.IO.BsonDocumentWriter(bson))
        {
            collection.DocumentSerializer.Serialize(BsonSerializationContext.CreateRoot(writer), document);
        }

        return bson;
    }

    private static T Deserialize<T>(IMongoCollection<T> collection, BsonDocument bson)
    {
        using var reader = new MongoDB.Bson.IO.BsonDocumentReader(bson);
        return collection.DocumentSerializer.Deserialize(BsonDeserializationContext.CreateRoot(reader));
    }
}

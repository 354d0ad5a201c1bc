using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// The database and its typed collections, made from the one <see cref="IMongoClient"/> singleton.
/// Creating it does not contact the server (the driver connects on the first operation).
/// </summary>
/// <remarks>
/// Write concerns: the summary ledger pins <c>w: majority</c> and reads at <c>readConcern: majority</c>, because its
/// "decided" record is what keeps a weekly summary exactly-once and must survive a replica-set failover (a
/// <c>w: 1</c> write can be rolled back after the post went out). Every other collection takes the connection
/// string's write concern, else the server's default (<c>w: majority</c> on replica sets since MongoDB 5.0): their
/// writes are idempotent (unique keys, upserts) or re-run by the job that made them.
/// </remarks>
public sealed class MongoCollections
{
    public const string UsersName = "users";
    public const string PlaysName = "plays";
    public const string EpisodePlaysName = "episode_plays";
    public const string PlayRollupsName = "play_rollups";
    public const string PlayRollupStatesName = "play_rollup_states";
    public const string PlayDayRollupsName = "play_day_rollups";
    public const string PlayMonthRollupsName = "play_month_rollups";
    public const string ImportJobsName = "import_jobs";
    public const string ChatLinksName = "chat_links";
    public const string ServerSettingsName = "server_settings";
    public const string VisibleMembersName = "visible_members";
    public const string WeeklySubscriptionsName = "weekly_subscriptions";
    public const string SummaryLedgerName = "summary_ledger";
    public const string PlayWriteLocksName = "play_write_locks";
    public const string SpotifyPauseName = "spotify_pause";
    public const string PlayMovesName = "play_moves";

    public MongoCollections(IMongoClient client, string databaseName)
    {
        // Conventions must be in place before GetCollection builds the class maps.
        MongoConventions.EnsureRegistered();
        Database = client.GetDatabase(databaseName);
        Users = Database.GetCollection<UserDocument>(UsersName);
        Plays = Database.GetCollection<PlayDocument>(PlaysName);
        EpisodePlays = Database.GetCollection<EpisodePlayDocument>(EpisodePlaysName);
        PlayRollups = Database.GetCollection<PlayRollupDocument>(PlayRollupsName);
        PlayRollupStates = Database.GetCollection<PlayRollupStateDocument>(PlayRollupStatesName);
        PlayDayRollups = Database.GetCollection<PlayDayRollupDocument>(PlayDayRollupsName);
        PlayMonthRollups = Database.GetCollection<PlayDayRollupDocument>(PlayMonthRollupsName);
        ImportJobs = Database.GetCollection<ImportJobDocument>(ImportJobsName);
        ChatLinks = Database.GetCollection<ChatLinkDocument>(ChatLinksName);
        ServerSettings = Database.GetCollection<ServerSettingsDocument>(ServerSettingsName);
        VisibleMembers = Database.GetCollection<VisibleMemberDocument>(VisibleMembersName);
        WeeklySubscriptions = Database.GetCollection<WeeklySubscriptionDocument>(WeeklySubscriptionsName);
        SummaryLedger = Database.GetCollection<SummaryLedgerDocument>(SummaryLedgerName)
            .WithWriteConcern(WriteConcern.WMajority)
            .WithReadConcern(ReadConcern.Majority);
        PlayWriteLocks = Database.GetCollection<PlayWriteLockDocument>(PlayWriteLocksName);
        SpotifyPause = Database.GetCollection<SpotifyPauseDocument>(SpotifyPauseName);
        PlayMoves = Database.GetCollection<PlayMoveDocument>(PlayMovesName);
    }

    public IMongoDatabase Database { get; }

    public IMongoCollection<UserDocument> Users { get; }

    public IMongoCollection<PlayDocument> Plays { get; }

    public IMongoCollection<EpisodePlayDocument> EpisodePlays { get; }

    public IMongoCollection<PlayRollupDocument> PlayRollups { get; }

    public IMongoCollection<PlayRollupStateDocument> PlayRollupStates { get; }

    public IMongoCollection<PlayDayRollupDocument> PlayDayRollups { get; }

    /// <summary>The UTC month rows: day rows' documents whose <c>day</c> is the month's first day.</summary>
    public IMongoCollection<PlayDayRollupDocument> PlayMonthRollups { get; }

    public IMongoCollection<PlayWriteLockDocument> PlayWriteLocks { get; }

    public IMongoCollection<SpotifyPauseDocument> SpotifyPause { get; }
    public IMongoCollection<PlayMoveDocument> PlayMoves { get; }

    public IMongoCollection<ImportJobDocument> ImportJobs { get; }

    public IMongoCollection<ChatLinkDocument> ChatLinks { get; }

    public IMongoCollection<ServerSettingsDocument> ServerSettings { get; }

    public IMongoCollection<VisibleMemberDocument> VisibleMembers { get; }

    public IMongoCollection<WeeklySubscriptionDocument> WeeklySubscriptions { get; }

    public IMongoCollection<SummaryLedgerDocument> SummaryLedger { get; }
}

using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// The database and its typed collections, made from the one <see cref="IMongoClient"/> singleton.
/// Creating it does not contact the server (the driver connects on the first operation).
/// </summary>
public sealed class MongoCollections
{
    public const string UsersName = "users";
    public const string PlaysName = "plays";
    public const string ImportJobsName = "import_jobs";
    public const string ChatLinksName = "chat_links";
    public const string ServerSettingsName = "server_settings";
    public const string VisibleMembersName = "visible_members";
    public const string WeeklySubscriptionsName = "weekly_subscriptions";
    public const string SummaryLedgerName = "summary_ledger";
    public const string PlayWriteLocksName = "play_write_locks";

    public MongoCollections(IMongoClient client, string databaseName)
    {
        // Conventions must be in place before GetCollection builds the class maps.
        MongoConventions.EnsureRegistered();
        Database = client.GetDatabase(databaseName);
        Users = Database.GetCollection<UserDocument>(UsersName);
        Plays = Database.GetCollection<PlayDocument>(PlaysName);
        ImportJobs = Database.GetCollection<ImportJobDocument>(ImportJobsName);
        ChatLinks = Database.GetCollection<ChatLinkDocument>(ChatLinksName);
        ServerSettings = Database.GetCollection<ServerSettingsDocument>(ServerSettingsName);
        VisibleMembers = Database.GetCollection<VisibleMemberDocument>(VisibleMembersName);
        WeeklySubscriptions = Database.GetCollection<WeeklySubscriptionDocument>(WeeklySubscriptionsName);
        SummaryLedger = Database.GetCollection<SummaryLedgerDocument>(SummaryLedgerName);
        PlayWriteLocks = Database.GetCollection<PlayWriteLockDocument>(PlayWriteLocksName);
    }

    public IMongoDatabase Database { get; }

    public IMongoCollection<UserDocument> Users { get; }

    public IMongoCollection<PlayDocument> Plays { get; }

    public IMongoCollection<PlayWriteLockDocument> PlayWriteLocks { get; }

    public IMongoCollection<ImportJobDocument> ImportJobs { get; }

    public IMongoCollection<ChatLinkDocument> ChatLinks { get; }

    public IMongoCollection<ServerSettingsDocument> ServerSettings { get; }

    public IMongoCollection<VisibleMemberDocument> VisibleMembers { get; }

    public IMongoCollection<WeeklySubscriptionDocument> WeeklySubscriptions { get; }

    public IMongoCollection<SummaryLedgerDocument> SummaryLedger { get; }
}

using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// The database and its four typed collections, made from the one <see cref="IMongoClient"/> singleton.
/// Creating it does not contact the server (the driver connects on the first operation).
/// </summary>
public sealed class MongoCollections
{
    public const string UsersName = "users";
    public const string PlaysName = "plays";
    public const string ImportJobsName = "import_jobs";
    public const string ChatLinksName = "chat_links";

    public MongoCollections(IMongoClient client, string databaseName)
    {
        // Conventions must be in place before GetCollection builds the class maps.
        MongoConventions.EnsureRegistered();
        Database = client.GetDatabase(databaseName);
        Users = Database.GetCollection<UserDocument>(UsersName);
        Plays = Database.GetCollection<PlayDocument>(PlaysName);
        ImportJobs = Database.GetCollection<ImportJobDocument>(ImportJobsName);
        ChatLinks = Database.GetCollection<ChatLinkDocument>(ChatLinksName);
    }

    public IMongoDatabase Database { get; }

    public IMongoCollection<UserDocument> Users { get; }

    public IMongoCollection<PlayDocument> Plays { get; }

    public IMongoCollection<ImportJobDocument> ImportJobs { get; }

    public IMongoCollection<ChatLinkDocument> ChatLinks { get; }
}

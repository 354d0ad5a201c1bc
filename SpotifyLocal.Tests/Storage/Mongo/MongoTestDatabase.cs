using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;
using SpotifyLocal.Core.Storage.Mongo;
using Xunit;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>
/// A fresh database (<c>spotifylocal_test_&lt;guid&gt;</c>) on the server <c>SPOTIFYLOCAL_TEST_MONGODB_URI</c> names,
/// with the indexes the real initializer creates, dropped on dispose. Without the variable the calling test is skipped.
/// </summary>
public sealed class MongoTestDatabase : IAsyncDisposable
{
    public const string UriVariable = "SPOTIFYLOCAL_TEST_MONGODB_URI";

    // One client for the whole run, as in the host.
    private static readonly Lazy<MongoClient?> Client = new(() =>
        Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } uri ? new MongoClient(uri) : null);

    private readonly MongoClient _client;

    private MongoTestDatabase(MongoClient client, MongoCollections collections, MongoStorageInitializer initializer)
    {
        _client = client;
        Collections = collections;
        Initializer = initializer;
    }

    public MongoCollections Collections { get; }

    public MongoStorageInitializer Initializer { get; }

    public static async Task<MongoTestDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        if (Client.Value is not { } client)
        {
            Assert.Skip($"Set {UriVariable} to run the MongoDB contract tests");
            throw new UnreachableException(); // Assert.Skip always throws; it just isn't annotated [DoesNotReturn].
        }

        var databaseName = $"spotifylocal_test_{Guid.NewGuid():N}";
        var collections = new MongoCollections(client, databaseName);
        var settings = MongoConnectionSettings.Create(new() { ConnectionString = Environment.GetEnvironmentVariable(UriVariable), DatabaseName = databaseName });
        var initializer = new MongoStorageInitializer(collections, settings, NullLogger<MongoStorageInitializer>.Instance);
        await initializer.StartAsync(cancellationToken);
        return new MongoTestDatabase(client, collections, initializer);
    }

    public async ValueTask DisposeAsync() =>
        await _client.DropDatabaseAsync(Collections.Database.DatabaseNamespace.DatabaseName, CancellationToken.None);
}

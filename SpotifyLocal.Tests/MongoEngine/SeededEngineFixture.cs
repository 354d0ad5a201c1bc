using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.MongoEngine;

/// <summary>
/// <see cref="EdgeCasePlays"/> stored through the SQLite store, then exported as the documents the Mongo store writes
/// (<see cref="PlayDocument"/>, canonical Extended JSON; half the plays without an album name lose the element
/// altogether) into the engine, where the real initializer builds the indexes and the rollups from them.
/// </summary>
public sealed class SeededEngineFixture : IAsyncLifetime
{
    private readonly MongoEngineFixture _engine = new();
    private MingoEngine? _seeded;

    public SqliteTestDatabase Sqlite { get; } = new();

    public static IReadOnlyList<string> Users { get; } = ["u1", "u2", .. EdgeCasePlays.RandomUsers];

    internal async Task<MingoEngine> EngineAsync()
    {
        var engine = _engine.Require();
        if (_seeded is null)
        {
            await engine.ResetAsync();
            var exported = new List<BsonDocument>();
            var serializer = MongoEngineFixture.Collections.Plays.DocumentSerializer;
            foreach (var user in Users)
            {
                foreach (var play in await Sqlite.Plays.GetRecentAsync(user, int.MaxValue, CancellationToken.None))
                {
                    var document = PlayDocument.From(play);
                    document.Id = ObjectId.GenerateNewId();
                    var bson = document.ToBsonDocument(serializer);
                    if (play.AlbumName is null && exported.Count % 2 == 0)
                    {
                        bson.Remove("albumName");
                    }

                    exported.Add(bson);
                }
            }

            await engine.LoadAsync(MongoCollections.PlaysName, exported);
            await MongoEngineFixture.Initializer(engine).InitializeAsync(CancellationToken.None);
            _seeded = engine;
        }

        return _seeded;
    }

    public async ValueTask InitializeAsync() => await Sqlite.Plays.InsertAsync(EdgeCasePlays.Build(), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        await Sqlite.DisposeAsync();
    }
}

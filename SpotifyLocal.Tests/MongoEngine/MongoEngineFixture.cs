using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;
using SpotifyLocal.Core.Storage.Mongo;

namespace SpotifyLocal.Tests.MongoEngine;

/// <summary>
/// One mingo engine (one Node process) shared by a test class. Tests call <see cref="Require"/>: without Node or the
/// npm packages it skips the test with the install command, except under CI where it fails it.
/// </summary>
public sealed class MongoEngineFixture : IAsyncDisposable
{
    // Never contacted: the engine executes what the driver renders for these collections.
    private static readonly MongoCollections RenderOnly = new(new MongoClient("mongodb://127.0.0.1:9"), "engine");

    private readonly Lazy<(MingoEngine? Engine, string Problem)> _engine = new(() => (MingoEngine.TryStart(out var problem), problem));

    internal static MongoCollections Collections => RenderOnly;

    internal MingoEngine Require()
    {
        var (engine, problem) = _engine.Value;
        if (engine is not null)
        {
            return engine;
        }

        if (MingoEngine.Required)
        {
            throw new InvalidOperationException($"The MongoDB engine tests are required here ({MingoEngine.RequireVariable} or CI=true) but {problem}.");
        }

        Assert.Skip($"MongoDB engine tests skipped: {problem}.");
        throw new System.Diagnostics.UnreachableException();
    }

    /// <summary>An empty database on the engine with the real initializer run on it (indexes, rollup backfill).</summary>
    internal async Task<MingoEngine> FreshDatabaseAsync()
    {
        var engine = Require();
        await engine.ResetAsync();
        await Initializer(engine).InitializeAsync(CancellationToken.None);
        engine.ClearRecorded();
        return engine;
    }

    internal static MongoStorageInitializer Initializer(MingoEngine engine) =>
        new(RenderOnly, MongoConnectionSettings.Create(new() { ConnectionString = "mongodb://127.0.0.1:9", DatabaseName = "engine" }),
            NullLogger<MongoStorageInitializer>.Instance, engine);

    internal static MongoPlayStore PlayStore(MingoEngine engine) => new(RenderOnly, engine);

    internal static MongoEpisodePlayStore EpisodePlayStore(MingoEngine engine) => new(RenderOnly, engine);

    public async ValueTask DisposeAsync()
    {
        if (_engine.IsValueCreated && _engine.Value.Engine is { } engine)
        {
            await engine.DisposeAsync();
        }
    }
}

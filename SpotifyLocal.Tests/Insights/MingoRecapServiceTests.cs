using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.MongoEngine;

namespace SpotifyLocal.Tests.Insights;

/// <summary>The recap fixtures on the Mongo play store, its writes and reads executed on the mingo engine.</summary>
[Collection(MongoEngineCollection.Name)]
public sealed class MingoRecapServiceTests(MongoEngineFixture fixture) : RecapServiceTests, IClassFixture<MongoEngineFixture>
{
    protected override async Task<IPlayStore> CreateStoreAsync() => MongoEngineFixture.PlayStore(await fixture.FreshDatabaseAsync());
}

using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.MongoEngine;

namespace SpotifyLocal.Tests.Insights;

/// <summary>The insight fixtures on the Mongo play store, its writes and reads executed on the mingo engine.</summary>
[Collection(MongoEngineCollection.Name)]
public sealed class MingoInsightsServiceTests(MongoEngineFixture fixture) : InsightsServiceTests, IClassFixture<MongoEngineFixture>
{
    protected override async Task<IPlayStore> CreateStoreAsync() => MongoEngineFixture.PlayStore(await fixture.FreshDatabaseAsync());
}

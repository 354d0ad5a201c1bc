using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.MongoEngine;

namespace SpotifyLocal.Tests.Insights;

/// <summary>The skip and overlap fixtures on the Mongo play store, its writes and reads executed on the mingo engine.</summary>
[Collection(MongoEngineCollection.Name)]
public sealed class MingoSkipsAndCompareTests(MongoEngineFixture fixture) : SkipsAndCompareTests, IClassFixture<MongoEngineFixture>
{
    protected override async Task<IPlayStore> CreateStoreAsync() => MongoEngineFixture.PlayStore(await fixture.FreshDatabaseAsync());
}

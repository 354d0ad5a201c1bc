using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.MongoEngine;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>The podcast and audiobook store contract on the Mongo store, its commands executed on the mingo engine.</summary>
[Collection(MongoEngineCollection.Name)]
public sealed class MingoEpisodePlayStoreContractTests(MongoEngineFixture fixture) : EpisodePlayStoreContractTests, IClassFixture<MongoEngineFixture>
{
    protected override async Task<IEpisodePlayStore> CreateStoreAsync() => MongoEngineFixture.EpisodePlayStore(await fixture.FreshDatabaseAsync());
}

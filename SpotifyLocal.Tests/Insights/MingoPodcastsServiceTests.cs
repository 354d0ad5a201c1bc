using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.MongoEngine;

namespace SpotifyLocal.Tests.Insights;

/// <summary>The /podcasts fixtures on the Mongo episode store, its commands executed on the mingo engine.</summary>
[Collection(MongoEngineCollection.Name)]
public sealed class MingoPodcastsServiceTests(MongoEngineFixture fixture) : PodcastsServiceTests, IClassFixture<MongoEngineFixture>
{
    protected override async Task<IEpisodePlayStore> CreateStoreAsync() => MongoEngineFixture.EpisodePlayStore(await fixture.FreshDatabaseAsync());
}

using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Insights;

/// <summary>The /podcasts fixtures on SQLite.</summary>
public sealed class SqlitePodcastsServiceTests : PodcastsServiceTests
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<IEpisodePlayStore> CreateStoreAsync() => Task.FromResult<IEpisodePlayStore>(new SqliteEpisodePlayStore(_database.Database));

    public override async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        await base.DisposeAsync();
    }
}

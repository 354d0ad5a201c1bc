using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Tests.Storage;

/// <summary>The podcast and audiobook store contract on SQLite.</summary>
public sealed class SqliteEpisodePlayStoreContractTests : EpisodePlayStoreContractTests
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<IEpisodePlayStore> CreateStoreAsync() => Task.FromResult<IEpisodePlayStore>(new SqliteEpisodePlayStore(_database.Database));

    public override async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        await base.DisposeAsync();
    }
}

using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Insights;

/// <summary>The recap fixtures on SQLite.</summary>
public sealed class SqliteRecapServiceTests : RecapServiceTests
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<IPlayStore> CreateStoreAsync() => Task.FromResult(_database.Plays);

    public override async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        await base.DisposeAsync();
    }
}

using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Insights;

/// <summary>The skip and overlap fixtures on SQLite.</summary>
public sealed class SqliteSkipsAndCompareTests : SkipsAndCompareTests
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<IPlayStore> CreateStoreAsync() => Task.FromResult(_database.Plays);

    public override async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        await base.DisposeAsync();
    }
}

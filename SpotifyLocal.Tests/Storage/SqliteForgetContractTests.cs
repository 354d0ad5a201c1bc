using Microsoft.Data.Sqlite;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Tests.Storage;

/// <summary>/forget on the embedded SQLite backend, every table read back with <c>SELECT *</c>.</summary>
public sealed class SqliteForgetContractTests : ForgetContractTests
{
    protected override IReadOnlyList<string> PersonTables =>
        ["users", "plays", "episode_plays", "play_rollups", "play_day_rollups", "play_month_rollups", "play_year_rollups", "play_slot_rollups", "chat_links", "import_jobs", "weekly_subscriptions", "visible_members", "summary_ledger", "play_moves"];

    protected override Task<StoresUnderTest> CreateStoresAsync()
    {
        var database = new SqliteTestDatabase();
        return Task.FromResult(new StoresUnderTest(
            database.Plays,
            new SqliteEpisodePlayStore(database.Database),
            database.Users,
            database.ChatLinks,
            database.ImportJobs,
            new SqliteServerSettingsStore(database.Database),
            new SqliteWeeklySubscriptionStore(database.Database),
            new SqliteSummaryLedgerStore(database.Database),
            new SqlitePlayMoveStore(database.Database),
            cancellationToken => ReadEveryValueAsync(database.Database, cancellationToken),
            new HashSet<string>(["users", "plays", "episode_plays", "play_rollups", "play_day_rollups", "play_month_rollups", "play_year_rollups", "play_slot_rollups", "chat_links", "import_jobs", "server_settings", "visible_members", "weekly_subscriptions", "summary_ledger", "play_moves", "spotify_pause"]),
            database.DisposeAsync));
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadEveryValueAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            var row = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i))
                    {
                        row.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!);
                    }
                }
            }

            values[table] = row;
        }

        return values;
    }
}

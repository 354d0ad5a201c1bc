using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Import;

public sealed class ImportRegistrationTests
{
    [Fact]
    public async Task AddImport_binds_the_import_section_and_registers_the_startup_sweep()
    {
        var directory = Path.Combine(Path.GetTempPath(), "spotifylocal-tests", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(directory, "test.db"),
            ["Import:MinPlayedMs"] = "10000",
            ["Import:IncludeIncognito"] = "true",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddStorage(configuration);
        services.AddImport(configuration);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ImportOptions>>().Value;

        Assert.Equal(10_000, options.MinPlayedMs);
        Assert.True(options.IncludeIncognito);
        Assert.NotNull(provider.GetRequiredService<ImportService>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is InterruptedImportsService);
        provider.GetService<SpotifyLocal.Core.Storage.Sqlite.SqliteDatabase>()?.ReleasePooledConnections();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_negative_minimum_play_time_fails_validation_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Import:MinPlayedMs"] = "-1" }).Build();
        var services = new ServiceCollection();
        services.AddImport(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ImportOptions>>().Value);

        Assert.Contains("MinPlayedMs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_larger_than_one_store_transaction_fails_validation_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Import:BatchSize"] = "1001" }).Build();
        var services = new ServiceCollection();
        services.AddImport(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ImportOptions>>().Value);

        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
    }
}

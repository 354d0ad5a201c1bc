using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;
using Xunit;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary><c>Storage:Provider = Mongo</c> through the real <c>AddStorage</c>; resolving services does not connect.</summary>
public sealed class MongoStorageRegistrationTests
{
    [Fact]
    public void Selecting_mongo_registers_the_mongo_stores_on_one_client()
    {
        using var provider = Services(("Storage:Provider", "Mongo"), ("MONGODB_URI", "mongodb://127.0.0.1:9"), ("MONGODB_DB_NAME", "seed"));

        Assert.IsType<MongoPlayStore>(provider.GetRequiredService<IPlayStore>());
        Assert.IsType<MongoUserStore>(provider.GetRequiredService<IUserStore>());
        Assert.IsType<MongoChatLinkStore>(provider.GetRequiredService<IChatLinkStore>());
        Assert.IsType<MongoImportJobStore>(provider.GetRequiredService<IImportJobStore>());
        Assert.Same(provider.GetRequiredService<IMongoClient>(), provider.GetRequiredService<MongoCollections>().Database.Client);
        Assert.Equal("seed", provider.GetRequiredService<MongoCollections>().Database.DatabaseNamespace.DatabaseName);
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is MongoStorageInitializer);
    }

    [Fact]
    public void Selecting_mongo_without_a_uri_fails_at_startup_naming_the_key()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Services(("Storage:Provider", "Mongo")));

        Assert.Contains("Storage:Mongo:ConnectionString", ex.Message);
        Assert.Contains("MONGODB_URI", ex.Message);
    }

    private static ServiceProvider Services(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStorage(configuration);
        return services.BuildServiceProvider();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;
using Xunit;

namespace SpotifyLocal.Tests.Storage.Mongo;

public sealed class MongoConnectionSettingsTests
{
    [Fact]
    public void Without_a_uri_resolution_fails_naming_the_config_key_and_the_seed_variable()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => MongoConnectionSettings.Resolve(Config()));

        Assert.Contains("Storage:Mongo:ConnectionString", ex.Message);
        Assert.Contains("MONGODB_URI", ex.Message);
    }

    [Fact]
    public void The_seed_environment_variables_are_used_when_the_keys_are_not_set()
    {
        var settings = MongoConnectionSettings.Resolve(Config(("MONGODB_URI", "mongodb://db.local:27018"), ("MONGODB_DB_NAME", "seed")));

        Assert.Equal("db.local", settings.Url.Server.Host);
        Assert.Equal(27018, settings.Url.Server.Port);
        Assert.Equal("seed", settings.DatabaseName);
    }

    [Fact]
    public void Config_keys_win_over_the_seed_environment_variables()
    {
        var settings = MongoConnectionSettings.Resolve(Config(
            ("Storage:Mongo:ConnectionString", "mongodb://configured"),
            ("Storage:Mongo:DatabaseName", "configured-db"),
            ("MONGODB_URI", "mongodb://from-env"),
            ("MONGODB_DB_NAME", "env-db")));

        Assert.Equal("configured", settings.Url.Server.Host);
        Assert.Equal("configured-db", settings.DatabaseName);
    }

    [Fact]
    public void The_database_defaults_to_spotifylocal()
    {
        var settings = MongoConnectionSettings.Resolve(Config(("MONGODB_URI", "mongodb://localhost")));

        Assert.Equal("spotifylocal", settings.DatabaseName);
    }

    [Fact]
    public void A_malformed_uri_is_rejected_without_echoing_its_password()
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            MongoConnectionSettings.Resolve(Config(("Storage:Mongo:ConnectionString", "http://admin:hunter2@db.local"))));

        Assert.Contains("Storage:Mongo:ConnectionString", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message);
    }

    [Fact]
    public void Bound_options_with_an_empty_database_name_are_rejected()
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            MongoConnectionSettings.Create(new MongoStorageOptions { ConnectionString = "mongodb://localhost", DatabaseName = " " }));

        Assert.Contains("Storage:Mongo:DatabaseName", ex.Message);
    }

    [Fact]
    public void The_settings_describe_themselves_without_credentials()
    {
        var settings = MongoConnectionSettings.Create(new MongoStorageOptions { ConnectionString = "mongodb://admin:hunter2@db.local:27017/?authSource=admin", DatabaseName = "stats" });

        Assert.Equal("db.local:27017/stats", settings.ToString());
        Assert.Equal("admin", settings.ToClientSettings().Credential.Username);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}

using Microsoft.Extensions.DependencyInjection;
using SpotifyLocal.Bot;
using SpotifyLocal.Bot.Cli;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Import;
using SpotifyLocal.Tests.MongoEngine;

namespace SpotifyLocal.Tests.Cli;

/// <summary>
/// Command-line verbs start no hosted services, so they must put the storage schema in place themselves: on a fresh
/// MongoDB database (here the mingo engine, which enforces a unique index only once it is created, like a server) an
/// import run twice stores every play once.
/// </summary>
[Collection(MongoEngineCollection.Name)]
public sealed class VerbStorageTests(MongoEngineFixture fixture) : IClassFixture<MongoEngineFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Importing_twice_from_the_command_line_on_a_fresh_mongo_database_stores_each_play_once()
    {
        var engine = fixture.Require();
        await engine.ResetAsync();
        var mongo = MongoEngineFixture.PlayStore(engine);
        await using var harness = new ImportHarness(plays: mongo);
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(60);
        var path = harness.Files.Zip([.. history.ToFiles(1_000)]);
        await using var services = new ServiceCollection()
            .AddSingleton<IStorageInitializer>(MongoEngineFixture.Initializer(engine))
            .AddOptions()
            .BuildServiceProvider();
        var verb = new ImportVerb(harness.Service, harness.Database.ChatLinks, Microsoft.Extensions.Options.Options.Create(harness.Options));

        foreach (var run in (int[])[1, 2])
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(0, await BotApplication.RunVerbAsync(services, verb, [path, "--user", "u1"], output, error, Ct));
        }

        Assert.Equal(history.ExpectedPlays, await mongo.CountAsync(PlayScope.AllTime("u1"), Ct));
        var jobs = await harness.Database.ImportJobs.ListForUserAsync("u1", Ct);
        // One run stored every play, the other found them all stored (the fake clock gives both jobs the same time).
        Assert.Equal([(0, history.ExpectedPlays), (history.ExpectedPlays, 0)], jobs.Select(j => ((int)j.Inserted, (int)j.Duplicates)).Order());
    }
}

using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Cli;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Import;

public sealed class ImportVerbTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_verb_prints_a_summary_that_states_the_counting_rules()
    {
        await using var harness = new ImportHarness();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(1_200).ShortPlays(7).Incognito(3);
        var path = harness.Files.Zip(history.ToFiles(1_000).ToArray());
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await Verb(harness).RunAsync([path, "--user", "spotify-user"], output, error, Token);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("1,200 new plays", text, StringComparison.Ordinal);
        Assert.Contains("short: 7", text, StringComparison.Ordinal);
        Assert.Contains("incognito: 3", text, StringComparison.Ordinal);
        Assert.Contains("at least 30 s", text, StringComparison.Ordinal);
        Assert.Contains("Private-session (incognito) plays are left out", text, StringComparison.Ordinal);
        Assert.Equal(1_200, await harness.CountAsync("spotify-user"));
    }

    [Fact]
    public async Task Import_verb_stores_plays_under_the_spotify_user_a_chat_identity_is_linked_to()
    {
        await using var harness = new ImportHarness();
        await harness.Database.ChatLinks.SetAsync(new ChatIdentity(ChatIdentity.Telegram, "42"), "linked-user", Token);
        var path = harness.Files.Zip(new ExtendedHistoryBuilder(ImportHarness.Start).Music(5).ToFiles(100).ToArray());

        var exit = await Verb(harness).RunAsync([path, "--user", "telegram:42"], new StringWriter(), new StringWriter(), Token);

        Assert.Equal(0, exit);
        Assert.Equal(5, await harness.CountAsync("linked-user"));
    }

    [Fact]
    public async Task Import_verb_uses_the_local_id_of_an_unlinked_chat_identity()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip(new ExtendedHistoryBuilder(ImportHarness.Start).Music(5).ToFiles(100).ToArray());

        await Verb(harness).RunAsync([path, "--user", "discord:1234"], new StringWriter(), new StringWriter(), Token);

        Assert.Equal(5, await harness.CountAsync("discord:1234"));
    }

    [Fact]
    public async Task Import_verb_exits_non_zero_with_the_reason_when_the_file_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip(("MyData/Userdata.json", "{}"));
        var error = new StringWriter();

        var exit = await Verb(harness).RunAsync([path, "--user", "u1"], new StringWriter(), error, Token);

        Assert.Equal(1, exit);
        Assert.Contains("holds no Spotify streaming history", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_verb_without_a_user_prints_its_usage()
    {
        await using var harness = new ImportHarness();
        var error = new StringWriter();

        var exit = await Verb(harness).RunAsync(["export.zip"], new StringWriter(), error, Token);

        Assert.Equal(2, exit);
        Assert.Contains("--user", error.ToString(), StringComparison.Ordinal);
    }

    private static ImportVerb Verb(ImportHarness harness) =>
        new(harness.Service, harness.Database.ChatLinks, Options.Create(harness.Options));
}

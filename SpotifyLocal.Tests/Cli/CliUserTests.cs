using SpotifyLocal.Bot.Cli;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Cli;

public sealed class CliUserTests : IAsyncDisposable
{
    private readonly SqliteTestDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("telegram:42", "spotify-of-42")]
    [InlineData("Telegram:42", "spotify-of-42")]
    [InlineData("discord:7", "discord:7")]
    [InlineData("console:local", "console:local")]
    [InlineData("someservice:9", "someservice:9")]
    public async Task The_user_argument_is_a_spotify_id_or_a_chat_identity_resolved_through_its_link(string argument, string expected)
    {
        await _db.ChatLinks.SetAsync(new ChatIdentity(ChatIdentity.Telegram, "42"), "spotify-of-42", Ct);

        Assert.Equal(expected, await CliUser.ResolveAsync(argument, _db.ChatLinks, Ct));
    }
}

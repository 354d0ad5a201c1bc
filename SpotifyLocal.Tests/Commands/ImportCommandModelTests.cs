using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Console;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Commands;

/// <summary>Only the console (and the import verb) may name a local file; chat text and button data never can.</summary>
public sealed class ImportCommandModelTests
{
    [Theory]
    [InlineData("/import /etc/passwd")]
    [InlineData("/import@SpotifyLocalTestBot /data/spotifylocal.db")]
    [InlineData("/IMPORT ../../keys/key.xml")]
    public void Chat_text_naming_a_path_is_refused_with_the_upload_hint(string text)
    {
        var parsed = CommandParser.Parse(text);

        Assert.Null(parsed.Command);
        Assert.Equal(CommandParser.ImportNeedsUpload, parsed.Error);
    }

    [Fact]
    public void Chat_import_without_text_asks_for_an_upload()
    {
        var command = Assert.IsType<ImportCommand>(CommandParser.Parse("/import").Command);

        Assert.Null(command.File);
    }

    [Fact]
    public void The_console_may_name_a_local_file_with_spaces_in_its_path()
    {
        var command = Assert.IsType<ImportCommand>(ConsoleCommandParser.Parse("import /home/me/My Exports/my_spotify_data.zip").Command);

        Assert.Equal("/home/me/My Exports/my_spotify_data.zip", command.File!.Path);
        Assert.Equal("my_spotify_data.zip", command.File.FileName);
        Assert.True(command.File.NamedByOperator);
    }

    [Fact]
    public async Task The_console_reports_a_missing_local_file_by_name()
    {
        await using var bot = new TestBot();
        var parsed = ConsoleCommandParser.Parse("/import /no/such/export.zip");

        var reply = await bot.Get<CommandDispatcher>().DispatchAsync(parsed.Command!, new CommandContext(new(Core.Storage.ChatIdentity.Console, "local")), TestContext.Current.CancellationToken);

        Assert.True(reply.IsError);
        Assert.Equal("There is no file at /no/such/export.zip.", reply.Text);
    }
}

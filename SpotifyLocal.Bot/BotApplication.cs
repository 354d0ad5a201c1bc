namespace SpotifyLocal.Bot;

/// <summary>Builds and runs the bot's host (or a one-shot command-line verb).</summary>
public static class BotApplication
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        await using var app = builder.Build();
        await app.RunAsync();
        return 0;
    }
}

using SpotifyLocal.Bot;

return await BotApplication.RunAsync(args);

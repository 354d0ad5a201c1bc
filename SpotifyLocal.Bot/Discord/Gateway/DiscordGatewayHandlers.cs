using SpotifyLocal.Bot.Discord.Dtos;

namespace SpotifyLocal.Bot.Discord.Gateway;

/// <summary>
/// What the gateway calls. Each call runs on its own task, so a slow handler never delays heartbeats; exceptions are
/// logged and do not end the session. <see cref="OnReady"/> runs after every fresh Identify (not after a Resume).
/// </summary>
public sealed record DiscordGatewayHandlers(
    Func<InteractionDto, CancellationToken, Task> OnInteraction,
    Func<ReadyDto, CancellationToken, Task>? OnReady = null);

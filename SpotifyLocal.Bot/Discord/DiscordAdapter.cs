using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Bot.Discord.Gateway;
using SpotifyLocal.Bot.Discord.Rest;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Discord;

/// <summary>
/// The Discord adapter: runs the gateway session, registers the slash commands on READY, and answers each
/// interaction — defer within Discord's 3 seconds, run the command through <see cref="CommandDispatcher"/>, then edit
/// the deferred response with the rendered reply (embed + PNG). Private replies and errors are ephemeral.
/// </summary>
public sealed class DiscordAdapter(
    DiscordGatewayClient gateway,
    IServiceScopeFactory scopes,
    CommandDispatcher dispatcher,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordAdapter> logger,
    WebUploadOffer web) : BackgroundService
{
    private const ulong ManageGuildPermission = 1UL << 5;
    private int _commandsRegistered;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gateway.RunAsync(new DiscordGatewayHandlers(HandleInteractionAsync, RegisterCommandsAsync), stoppingToken);
        }
        catch (DiscordGatewayFatalException)
        {
            // Already logged with the setting to fix; the rest of the bot keeps running.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The Discord adapter stopped");
        }
    }

    private async Task RegisterCommandsAsync(ReadyDto ready, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _commandsRegistered, 1) == 1)
        {
            return;
        }

        var applicationId = ApplicationId(ready.Application?.Id);
        var guildId = string.IsNullOrWhiteSpace(options.Value.DevGuildId) ? null : options.Value.DevGuildId;
        await using var scope = scopes.CreateAsyncScope();
        var rest = scope.ServiceProvider.GetRequiredService<DiscordRestClient>();
        try
        {
            var registered = await rest.OverwriteCommandsAsync(applicationId, guildId, DiscordCommandDefinitions.All, cancellationToken);
            logger.LogInformation(
                "Registered {Count} Discord slash commands {Scope}", registered.Count, guildId is null ? "globally" : "in the dev server");
            // After switching between Discord:DevGuildId and global, the old scope's commands would show twice.
            IEnumerable<string?> otherScopes = guildId is null
                ? (ready.Guilds ?? []).Select(g => (string?)g.Id)
                : [(string?)null];
            foreach (var other in otherScopes)
            {
                await ClearCommandsAsync(rest, applicationId, other, cancellationToken);
            }
        }
        catch (DiscordApiException ex)
        {
            Interlocked.Exchange(ref _commandsRegistered, 0);
            logger.LogError(ex, "Registering the Discord slash commands failed (check Discord:ApplicationId and Discord:DevGuildId)");
        }
    }

    private async Task ClearCommandsAsync(
        DiscordRestClient rest, string applicationId, string? guildId, CancellationToken cancellationToken)
    {
        if ((await rest.GetCommandsAsync(applicationId, guildId, cancellationToken)).Count == 0)
        {
            return;
        }

        await rest.OverwriteCommandsAsync(applicationId, guildId, [], cancellationToken);
        if (guildId is null)
        {
            logger.LogInformation("Removed the global Discord slash commands left from before Discord:DevGuildId was set");
        }
        else
        {
            logger.LogInformation("Removed the Discord slash commands left in server {GuildId} from a Discord:DevGuildId registration", guildId);
        }
    }

    private string ApplicationId(string? fromReady) =>
        string.IsNullOrWhiteSpace(options.Value.ApplicationId) ? fromReady ?? "" : options.Value.ApplicationId;

    private async Task HandleInteractionAsync(InteractionDto interaction, CancellationToken cancellationToken)
    {
        if (interaction.Type is not (InteractionType.ApplicationCommand or InteractionType.MessageComponent))
        {
            return;
        }

        var webhook = InteractionWebhook.For(interaction, time.GetUtcNow());
        await using var scope = scopes.CreateAsyncScope();
        var rest = scope.ServiceProvider.GetRequiredService<DiscordRestClient>();
        var parsed = DiscordCommandMapper.Map(interaction);
        if (parsed.Command is null)
        {
            await rest.RespondAsync(webhook, new InteractionResponseDto(
                InteractionCallbackType.ChannelMessageWithSource,
                new MessagePayloadDto(parsed.Error, Flags: MessageFlags.Ephemeral, AllowedMentions: AllowedMentionsDto.None)),
                cancellationToken);
            return;
        }

        var component = interaction.Type == InteractionType.MessageComponent;
        var deferredPrivately = !component && DiscordCommandMapper.IsPrivate(interaction);
        await rest.RespondAsync(webhook, component
            ? new InteractionResponseDto(InteractionCallbackType.DeferredUpdateMessage)
            : new InteractionResponseDto(
                InteractionCallbackType.DeferredChannelMessageWithSource,
                deferredPrivately ? new MessagePayloadDto(Flags: MessageFlags.Ephemeral) : null),
            cancellationToken);

        var progress = new DiscordProgressReporter(rest, webhook, time, logger, cancellationToken);
        string? tempFile = null;
        BotReply reply;
        try
        {
            var command = parsed.Command;
            if (command is ImportCommand && DiscordCommandMapper.ImportAttachment(interaction) is { } attachment)
            {
                tempFile = await DownloadAsync(rest, attachment, progress, cancellationToken);
                command = new ImportCommand(ImportFile.Received(tempFile, attachment.FileName));
            }

            reply = await dispatcher.DispatchAsync(command, Context(interaction, progress), cancellationToken);
        }
        catch (DiscordAttachmentTooLargeException ex)
        {
            reply = web.AddTo(
                BotReply.Error(
                    $"That file is larger than the {ex.LimitBytes / (1024 * 1024)} MiB this bot accepts. Import the JSON files from the export one by one, or ask the bot's owner to raise Discord:MaxImportBytes."),
                Context(interaction, progress).Caller);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or IOException)
        {
            logger.LogWarning(ex, "Could not fetch the attachment for /{Command}", interaction.Data?.Name);
            reply = BotReply.Error("I could not download that file from Discord. Please try /import again.");
        }
        finally
        {
            if (tempFile is not null)
            {
                TryDelete(tempFile);
            }
        }

        await progress.FlushAsync();
        if (component && interaction.Message?.InteractionMetadata?.User.Id is { } owner && owner != interaction.Invoker?.Id)
        {
            // A button on someone else's chart answers the presser privately instead of replacing that chart.
            reply = reply with { Private = true };
        }

        var shownToEveryone = component
            ? interaction.Message?.Flags?.HasFlag(MessageFlags.Ephemeral) != true
            : !deferredPrivately;
        await SendReplyAsync(rest, interaction, webhook, reply, shownToEveryone, cancellationToken);
    }

    private async Task SendReplyAsync(
        DiscordRestClient rest, InteractionDto interaction, InteractionWebhook webhook, BotReply reply, bool shownToEveryone,
        CancellationToken cancellationToken)
    {
        try
        {
            await SendInteractionReplyAsync(rest, interaction, webhook, reply, shownToEveryone, cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.InteractionTokenUnusable)
        {
            // A long import can outlive the 15-minute token (or leave it too little to wait out a 429): the answer still
            // reaches the caller, as a message.
            logger.LogWarning(ex, "The Discord interaction token cannot carry the reply to /{Command}; sending it as a message", interaction.Data?.Name);
            await SendAsMessageAsync(rest, interaction, reply, cancellationToken);
        }
    }

    // Private answers go to the caller's DMs (never into the channel), public ones to the channel of the command.
    private async Task SendAsMessageAsync(
        DiscordRestClient rest, InteractionDto interaction, BotReply reply, CancellationToken cancellationToken)
    {
        var (payload, files) = DiscordReplyRenderer.Render(reply, interaction.AttachmentSizeLimit);
        var caller = interaction.Invoker?.Id;
        try
        {
            var channelId = reply.Private || reply.IsError || interaction.ChannelId is null
                ? caller is null ? null : (await rest.CreateDirectMessageChannelAsync(caller, cancellationToken)).Id
                : interaction.ChannelId;
            if (channelId is null)
            {
                logger.LogWarning("No channel to send the expired reply to /{Command} to", interaction.Data?.Name);
                return;
            }

            var mention = caller is null ? null : $"<@{caller}>";
            await rest.CreateChannelMessageAsync(
                channelId,
                payload with
                {
                    Flags = null,
                    Content = string.IsNullOrEmpty(payload.Content) ? mention : $"{mention} {payload.Content}",
                    AllowedMentions = caller is null ? AllowedMentionsDto.None : AllowedMentionsDto.OnlyUser(caller),
                },
                files, cancellationToken);
        }
        catch (DiscordApiException ex)
        {
            logger.LogError(ex, "Could not deliver the reply to /{Command} as a message either", interaction.Data?.Name);
        }
    }

    private static async Task SendInteractionReplyAsync(
        DiscordRestClient rest, InteractionDto interaction, InteractionWebhook webhook, BotReply reply, bool shownToEveryone,
        CancellationToken cancellationToken)
    {
        var (payload, files) = DiscordReplyRenderer.Render(reply, interaction.AttachmentSizeLimit);
        var hidden = reply.Private || reply.IsError;
        if (hidden && shownToEveryone)
        {
            // A public message cannot turn ephemeral: answer privately instead. A public "thinking…" is removed; the
            // public message a button sits on is left as it was.
            if (interaction.Type != InteractionType.MessageComponent)
            {
                await rest.DeleteOriginalResponseAsync(webhook, cancellationToken);
            }

            await rest.CreateFollowupMessageAsync(
                webhook, payload with { Flags = MessageFlags.Ephemeral }, files, cancellationToken);
            return;
        }

        await rest.EditOriginalResponseAsync(webhook, payload with { Flags = null }, files, cancellationToken);
    }

    private async Task<string> DownloadAsync(
        DiscordRestClient rest, AttachmentDto attachment, DiscordProgressReporter progress, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxImportBytes;
        if (attachment.Size > limit)
        {
            throw new DiscordAttachmentTooLargeException(limit, attachment.Size);
        }

        progress.Report(new CommandProgress($"Downloading {attachment.FileName}…", null));
        var extension = Path.GetExtension(attachment.FileName);
        var path = Path.Combine(Path.GetTempPath(), $"spotifylocal-discord-{Guid.NewGuid():N}{extension}");
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await rest.DownloadAttachmentAsync(new Uri(attachment.Url), file, limit, cancellationToken);
            return path;
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    private static CommandContext Context(InteractionDto interaction, IProgress<CommandProgress> progress)
    {
        var invoker = interaction.Invoker ?? new UserDto("0", "unknown");
        var permissions = ulong.TryParse(interaction.Member?.Permissions, out var bits) ? bits : 0;
        return new CommandContext(new ChatIdentity(ChatIdentity.Discord, invoker.Id))
        {
            CallerName = interaction.Member?.Nick ?? invoker.DisplayName,
            ServerId = interaction.GuildId,
            CallerManagesServer = interaction.GuildId is not null && (permissions & ManageGuildPermission) != 0,
            Progress = progress,
        };
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete the temporary import file {Path}", path);
        }
    }
}

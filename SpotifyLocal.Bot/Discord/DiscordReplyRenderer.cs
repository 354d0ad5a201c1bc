using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Bot.Discord.Rest;

namespace SpotifyLocal.Bot.Discord;

/// <summary>
/// Renders a <see cref="BotReply"/> as a Discord message: results as an embed (the PNG shown inside it via
/// <c>attachment://</c>), errors as plain text, buttons as one action row. Mentions never ping.
/// </summary>
public static class DiscordReplyRenderer
{
    private const int EmbedColor = 0x1DB954;
    private const int MaxDescription = 4096;
    private const int MaxContent = 2000;
    private const int MaxTitle = 256;
    private const int MaxLabel = 80;
    private const int MaxCustomId = 100;
    private const int MaxButtonsPerRow = 5;
    private const int LinkButtonStyle = 5;

    /// <summary>
    /// The message for <paramref name="reply"/>. A chart larger than <paramref name="attachmentSizeLimit"/> (the
    /// interaction's <c>attachment_size_limit</c>: Discord answers a bigger upload with 413) is left out with a note.
    /// </summary>
    public static (MessagePayloadDto Payload, IReadOnlyList<DiscordFile> Files) Render(BotReply reply, long? attachmentSizeLimit = null)
    {
        if (reply.Png is { } chart && chart.Length > attachmentSizeLimit)
        {
            reply = reply with
            {
                Png = null,
                Text = $"{reply.Text}\n\nThe chart ({MiB(chart.Length)}) is larger than the {MiB(attachmentSizeLimit.Value)} this server lets a bot upload, so it is left out.",
            };
        }

        var flags = reply.Private ? MessageFlags.Ephemeral : (MessageFlags?)null;
        var components = Buttons(reply.Buttons);
        if (reply.IsError && reply.Png is null)
        {
            return (new MessagePayloadDto(
                Content: Truncate(reply.Text, MaxContent), Embeds: [], Flags: flags, Attachments: [],
                Components: components ?? [], AllowedMentions: AllowedMentionsDto.None), []);
        }

        var files = reply.Png is { } png ? new[] { new DiscordFile(reply.PngFileName, png) } : [];
        var embed = new EmbedDto(
            Title: reply.Title is null ? null : Truncate(reply.Title, MaxTitle),
            Description: Truncate(reply.Text, MaxDescription),
            Color: EmbedColor,
            Image: reply.Png is null ? null : new EmbedImageDto($"attachment://{reply.PngFileName}"));
        var payload = new MessagePayloadDto(
            Content: "", Embeds: [embed], Flags: flags,
            Attachments: files.Select((f, i) => new AttachmentReferenceDto(i, f.FileName)).ToList(),
            Components: components ?? [], AllowedMentions: AllowedMentionsDto.None);
        return (payload, files);
    }

    /// <summary>A progress line as the content of the deferred response.</summary>
    public static MessagePayloadDto Progress(CommandProgress progress) => new(
        Content: progress.Fraction is { } f ? $"{progress.Text} ({f:P0})" : progress.Text,
        AllowedMentions: AllowedMentionsDto.None);

    private static List<ComponentDto>? Buttons(IReadOnlyList<ReplyButton> buttons)
    {
        if (buttons.Count == 0)
        {
            return null;
        }

        // Discord refuses the whole message for one bad button: custom_id 1–100 characters and unique in the message,
        // labels at most 80 (developers/components/reference.mdx). A command that does not fit is left out.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return buttons
            .Where(b => b.Url is not null || (b.CommandText is { Length: > 0 and <= MaxCustomId } id && seen.Add(id)))
            .Select(b => b.Url is not null
                ? new ComponentDto(ComponentDto.ButtonType, Style: LinkButtonStyle, Label: Truncate(b.Label, MaxLabel), Url: b.Url)
                : ComponentDto.Button(Truncate(b.Label, MaxLabel), b.CommandText!))
            .Chunk(MaxButtonsPerRow)
            .Take(5)
            .Select(row => ComponentDto.Row(row))
            .ToList();
    }

    private static string MiB(long bytes) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.##} MiB");

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

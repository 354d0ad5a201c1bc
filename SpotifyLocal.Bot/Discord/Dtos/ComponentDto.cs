using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>A message component: an action row (type 1) holding buttons (type 2).</summary>
public sealed record ComponentDto(
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("components")] IReadOnlyList<ComponentDto>? Components = null,
    [property: JsonPropertyName("style")] int? Style = null,
    [property: JsonPropertyName("label")] string? Label = null,
    [property: JsonPropertyName("custom_id")] string? CustomId = null,
    [property: JsonPropertyName("url")] string? Url = null,
    [property: JsonPropertyName("disabled")] bool? Disabled = null)
{
    public const int ActionRowType = 1;
    public const int ButtonType = 2;
    public const int PrimaryStyle = 1;
    public const int SecondaryStyle = 2;

    /// <summary>An action row of up to five buttons.</summary>
    public static ComponentDto Row(IReadOnlyList<ComponentDto> buttons) => new(ActionRowType, buttons);

    /// <summary>A button that sends a component interaction with <paramref name="customId"/>.</summary>
    public static ComponentDto Button(string label, string customId, bool primary = false) =>
        new(ButtonType, Style: primary ? PrimaryStyle : SecondaryStyle, Label: label, CustomId: customId);
}

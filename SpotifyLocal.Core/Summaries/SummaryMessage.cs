namespace SpotifyLocal.Core.Summaries;

/// <summary>A weekly summary as the platforms receive it: a title, text and a PNG chart.</summary>
public sealed record SummaryMessage(string Title, string Text, byte[] Png)
{
    public string PngFileName { get; init; } = "weekly.png";
}

namespace SpotifyLocal.Bot.Commands;

/// <summary>Progress of long-running work (an import): a line of text and, when known, the fraction done (0–1).</summary>
public sealed record CommandProgress(string Text, double? Fraction);

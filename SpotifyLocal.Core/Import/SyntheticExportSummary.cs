namespace SpotifyLocal.Core.Import;

/// <summary>What a generated export contains, counted while writing it (with the default import rules).</summary>
public sealed record SyntheticExportSummary(int Rows, int MusicPlays, int ShortPlays, int IncognitoPlays, int PodcastEpisodes, int Files);

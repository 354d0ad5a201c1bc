namespace SpotifyLocal.Core.Import;

/// <summary>What the validating pre-pass learnt about one history file.</summary>
internal sealed record ExportScan(ExportFileKind Kind, long Items, DateTimeOffset? FirstPlayedAt, DateTimeOffset? LastPlayedAt);

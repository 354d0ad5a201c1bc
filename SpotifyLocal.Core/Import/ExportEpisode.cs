using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>What an export row says about the podcast episode or audiobook chapter it is, already trimmed to stored size.</summary>
internal sealed record ExportEpisode(EpisodeKind Kind, string Id, string Name, string ShowName);

namespace SpotifyLocal.Core.Import;

/// <summary>Which kind of Spotify export file an entry is, decided by its name (or, for a lone JSON file, its content).</summary>
public enum ExportFileKind
{
    /// <summary>Not a history file (PDF, other account data): ignored.</summary>
    Other = 0,

    /// <summary><c>Streaming_History_Audio_*.json</c> or <c>endsong_*.json</c>.</summary>
    ExtendedAudio = 1,

    /// <summary><c>Streaming_History_Video_*.json</c>: counted and left out.</summary>
    ExtendedVideo = 2,

    /// <summary><c>StreamingHistory*.json</c> / <c>StreamingHistory_music_*.json</c> from the account-data export.</summary>
    AccountDataMusic = 3,

    /// <summary><c>StreamingHistory_podcast_*.json</c>: counted and left out.</summary>
    AccountDataPodcast = 4,
}

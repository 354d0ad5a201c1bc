using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>The mutable counters of one running import; <see cref="Snapshot"/> turns them into the stored job.</summary>
internal sealed class ImportRun(ImportJob job, ImportOptions settings, DateTimeOffset startedAt)
{
    /// <summary>How far past the import's start a play may end: clocks of phones and servers disagree a little.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>No play is longer than a day; real exports hold <c>ms_played</c> values like <see cref="long.MaxValue"/>.</summary>
    public const long MaxMsPlayed = 24L * 60 * 60 * 1000;

    /// <summary>Spotify launched in October 2008 (beta from 2006): an earlier time is a broken clock.</summary>
    public static readonly DateTimeOffset SpotifyEpoch = new(2006, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Exports repeat the same few thousand songs; normalizing names once per song, not per play, halves the CPU time.
    private const int MaxCachedSongs = 100_000;

    private readonly Dictionary<(string Artist, string Track, string? Album), (string Track, string Artist, string Album)> keys = [];
    private readonly Dictionary<string, long> skipped = new(StringComparer.Ordinal);
    private long processed;
    private long inserted;
    private long duplicates;
    private long episodesInserted;
    private long episodeDuplicates;
    private Dictionary<string, long> pendingSkipped = new(StringComparer.Ordinal);

    public ImportJob Job { get; set; } = job;

    public ImportOptions Settings { get; } = settings;

    public List<Play> Pending { get; private set; } = new(settings.BatchSize);

    /// <summary>Podcast and audiobook entries read since the last hand-off, written with the plays of the same batch.</summary>
    public List<EpisodePlay> PendingEpisodes { get; private set; } = [];

    /// <summary>The batch being written while the next one is read.</summary>
    public (Task<ImportBatchResult> Write, ImportBatch Batch)? InFlight { get; set; }

    public long ProcessedSinceSave { get; set; }

    /// <summary>
    /// The rule that leaves this row out, or null when it becomes a play (or, for a podcast or audiobook row with its
    /// <see cref="ExportRow.Episode"/>, an entry stored apart: the same rules apply to it except the track check).
    /// </summary>
    public string? ReasonToSkip(ExportRow row)
    {
        if (row.NotMusic is not null && row.Episode is null)
        {
            return row.NotMusic;
        }

        if (row.MsPlayed > MaxMsPlayed)
        {
            return SkipReasons.ImplausibleMsPlayed;
        }

        if (row.PlayedAt > startedAt + ClockSkew)
        {
            return SkipReasons.InTheFuture;
        }

        if (row.PlayedAt < SpotifyEpoch)
        {
            return SkipReasons.BeforeSpotify;
        }

        if (row.Episode is null && (row.TrackId is null || row.TrackName is null || row.ArtistName is null))
        {
            return SkipReasons.NoTrack;
        }

        if (row.Incognito && !Settings.IncludeIncognito)
        {
            return SkipReasons.Incognito;
        }

        return row.MsPlayed < Settings.MinPlayedMs ? SkipReasons.Short : null;
    }

    /// <summary>The play for a row that passed <see cref="ReasonToSkip"/>, keyed exactly as <see cref="Play.Create"/> keys it.</summary>
    public Play ToPlay(ExportRow row)
    {
        var artist = row.ArtistName!;
        var track = row.TrackName!;
        var cacheKey = (artist, track, row.AlbumName);
        if (!keys.TryGetValue(cacheKey, out var identity))
        {
            if (keys.Count >= MaxCachedSongs)
            {
                keys.Clear();
            }

            identity = (IdentityKeys.Track(artist, track), IdentityKeys.Artist(artist), IdentityKeys.Album(artist, row.AlbumName));
            keys[cacheKey] = identity;
        }

        return new Play(
            Job.UserId,
            row.TrackId!,
            track,
            ArtistId: null,
            artist,
            AlbumId: null,
            row.AlbumName,
            row.PlayedAt.ToUniversalTime(),
            DurationMs: 0,
            (int)row.MsPlayed,
            row.Source,
            identity.Track,
            identity.Artist,
            identity.Album)
        {
            Context = row.Context,
        };
    }

    /// <summary>The stored entry for a podcast or audiobook row that passed <see cref="ReasonToSkip"/>.</summary>
    public EpisodePlay ToEpisodePlay(ExportRow row)
    {
        var episode = row.Episode!;
        return EpisodePlay.Create(Job.UserId, row.PlayedAt, episode.Id, episode.Name, episode.ShowName, episode.Kind, (int)row.MsPlayed, row.Source);
    }

    public void Skip(string reason, long count)
    {
        pendingSkipped[reason] = pendingSkipped.GetValueOrDefault(reason) + count;
        ProcessedSinceSave += count;
    }

    public void Add(Play play)
    {
        Pending.Add(play);
        ProcessedSinceSave++;
    }

    public void AddEpisode(EpisodePlay episode)
    {
        PendingEpisodes.Add(episode);
        ProcessedSinceSave++;
    }

    /// <summary>Hands the rows read since the last hand-off to a writer and starts collecting anew.</summary>
    public ImportBatch TakePending()
    {
        var batch = new ImportBatch(Pending, PendingEpisodes, pendingSkipped);
        Pending = new List<Play>(Settings.BatchSize);
        PendingEpisodes = [];
        pendingSkipped = new Dictionary<string, long>(StringComparer.Ordinal);
        return batch;
    }

    /// <summary>Counts a batch once its write has completed, so every snapshot covers whole batches only.</summary>
    public void Written(ImportBatch batch, ImportBatchResult result)
    {
        PartlyWritten(result);
        processed += batch.Rows;
        foreach (var (reason, count) in batch.Skipped)
        {
            skipped[reason] = skipped.GetValueOrDefault(reason) + count;
        }
    }

    /// <summary>Counts what a failed batch stored; its rows do not count as processed.</summary>
    public void PartlyWritten(ImportBatchResult stored)
    {
        inserted += stored.Plays.Inserted;
        duplicates += stored.Plays.Duplicates;
        episodesInserted += stored.Episodes.Inserted;
        episodeDuplicates += stored.Episodes.Duplicates;
    }

    /// <summary>The job with the counts of every completed batch (rows read but not yet written are not counted).</summary>
    public ImportJob Snapshot() => Job with
    {
        ProcessedTracks = processed,
        Inserted = inserted,
        Duplicates = duplicates,
        EpisodesInserted = episodesInserted,
        EpisodeDuplicates = episodeDuplicates,
        Skipped = skipped.Values.Sum(),
        SkippedByReason = new Dictionary<string, long>(skipped, StringComparer.Ordinal),
    };
}

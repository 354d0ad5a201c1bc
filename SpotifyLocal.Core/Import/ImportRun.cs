using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>The mutable counters of one running import; <see cref="Snapshot"/> turns them into the stored job.</summary>
internal sealed class ImportRun(ImportJob job, ImportOptions settings)
{
    // Exports repeat the same few thousand songs; normalizing names once per song, not per play, halves the CPU time.
    private const int MaxCachedSongs = 100_000;

    private readonly Dictionary<(string Artist, string Track, string? Album), (string Track, string Artist, string Album)> keys = [];
    private readonly Dictionary<string, long> skipped = new(StringComparer.Ordinal);
    private long processed;
    private long inserted;
    private long duplicates;
    private long pendingRows;

    public ImportJob Job { get; set; } = job;

    public ImportOptions Settings { get; } = settings;

    public List<Play> Pending { get; } = new(settings.BatchSize);

    public long ProcessedSinceSave { get; set; }

    /// <summary>The rule that leaves this row out, or null when it becomes a play.</summary>
    public string? ReasonToSkip(ExportRow row)
    {
        if (row.NotMusic is not null)
        {
            return row.NotMusic;
        }

        if (row.TrackId is null || row.TrackName is null || row.ArtistName is null)
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
            (int)Math.Min(int.MaxValue, row.MsPlayed),
            PlaySource.Import,
            identity.Track,
            identity.Artist,
            identity.Album);
    }

    public void Skip(string reason, long count)
    {
        skipped[reason] = skipped.GetValueOrDefault(reason) + count;
        processed += count;
        ProcessedSinceSave += count;
    }

    public void Add(Play play)
    {
        Pending.Add(play);
        pendingRows++;
        ProcessedSinceSave++;
    }

    public void Written(InsertResult result)
    {
        inserted += result.Inserted;
        duplicates += result.Duplicates;
        processed += pendingRows;
        pendingRows = 0;
        Pending.Clear();
    }

    /// <summary>The job with the counts of everything written so far (rows of an unwritten batch are not counted yet).</summary>
    public ImportJob Snapshot() => Job with
    {
        ProcessedTracks = processed,
        Inserted = inserted,
        Duplicates = duplicates,
        Skipped = skipped.Values.Sum(),
        SkippedByReason = new Dictionary<string, long>(skipped, StringComparer.Ordinal),
    };
}

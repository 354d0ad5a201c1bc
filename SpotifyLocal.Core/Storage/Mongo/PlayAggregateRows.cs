using MongoDB.Bson;

namespace SpotifyLocal.Core.Storage.Mongo;

// Output shapes of the plays pipelines (camelCase via MongoConventions, like the documents).

/// <summary>One spelling of a grouped item: its key and the names it was played under.</summary>
internal sealed class TopSpellingKey
{
    public string Key { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? ArtistName { get; set; }
}

/// <summary>Counts of one spelling.</summary>
internal sealed class TopSpelling
{
    public TopSpellingKey Id { get; set; } = new();

    public int Plays { get; set; }

    public long MsPlayed { get; set; }

    public DateTime FirstPlayedAt { get; set; }

    public DateTime LastPlayedAt { get; set; }
}

/// <summary>One row of a top list before mapping to <see cref="TopItem"/>.</summary>
internal sealed class TopRow
{
    public string Key { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? ArtistName { get; set; }

    public int Plays { get; set; }

    public long MsPlayed { get; set; }

    public DateTime FirstPlayedAt { get; set; }

    public DateTime LastPlayedAt { get; set; }

    public TopItem ToTopItem() =>
        new(Key, Name, ArtistName, Plays, MsPlayed, MongoTime.FromBson(FirstPlayedAt), MongoTime.FromBson(LastPlayedAt));
}

/// <summary>Totals over a scope before mapping to <see cref="ListeningTotals"/>.</summary>
internal sealed class TotalsRow
{
    public int Plays { get; set; }

    public long MsPlayed { get; set; }

    public int DistinctTracks { get; set; }

    public int DistinctArtists { get; set; }

    public int DistinctAlbums { get; set; }
}

/// <summary>One 15-minute slot before mapping to <see cref="ListeningBucket"/>.</summary>
internal sealed class BucketRow
{
    public DateTime StartUtc { get; set; }

    public int Plays { get; set; }

    public long MsPlayed { get; set; }

    public int SkipKnown { get; set; }

    public int Skipped { get; set; }
}

/// <summary>A play's identity before mapping to <see cref="PlayStamp"/>.</summary>
internal sealed class StampRow
{
    public DateTime PlayedAt { get; set; }

    public string TrackId { get; set; } = string.Empty;

    public string TrackKey { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    public int MsPlayed { get; set; }
}

/// <summary>The newest play time of a user.</summary>
internal sealed class LatestRow
{
    public DateTime PlayedAt { get; set; }
}

/// <summary>One rollup row grouped from a user's plays, before it becomes a <see cref="PlayRollupDocument"/>.</summary>
internal sealed class RollupBuildRow
{
    public TopSpellingKey Id { get; set; } = new();

    public int Plays { get; set; }

    public long MsPlayed { get; set; }

    public DateTime FirstPlayedAt { get; set; }

    public DateTime LastPlayedAt { get; set; }

    public PlayRollupDocument ToDocument(string userId, TopKind kind) => new()
    {
        UserId = userId,
        Kind = PlayRollupDocument.ToElement(kind),
        Key = Id.Key,
        Name = Id.Name,
        Artist = Id.ArtistName ?? string.Empty,
        Plays = Plays,
        MsPlayed = MsPlayed,
        FirstPlayedAt = FirstPlayedAt,
        LastPlayedAt = LastPlayedAt,
    };
}

/// <summary>A user id that owns plays.</summary>
internal sealed class PlayOwnerRow
{
    public string Id { get; set; } = string.Empty;
}

/// <summary>The id of a stored play.</summary>
internal sealed class PlayIdRow
{
    public ObjectId Id { get; set; }
}

/// <summary>
/// A day (or month) row's identity as grouped by the backfill (<c>day</c>, a month's first day for a month row, comes
/// out of <c>$floor</c> as a double).
/// </summary>
internal sealed class DayBuildKey
{
    public string Key { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string ArtistName { get; set; } = string.Empty;

    public double Day { get; set; }
}

/// <summary>One day (or month) row grouped from the plays by the backfill.</summary>
internal sealed class DayBuildRow
{
    public DayBuildKey Id { get; set; } = new();

    public int Plays { get; set; }

    public long MsPlayed { get; set; }

    public DateTime FirstPlayedAt { get; set; }

    public DateTime LastPlayedAt { get; set; }

    public PlayDayRollupDocument ToDocument(string userId, TopKind kind) => new()
    {
        UserId = userId,
        Kind = PlayRollupDocument.ToElement(kind),
        Day = (long)Id.Day,
        Key = Id.Key,
        Name = Id.Name,
        Artist = Id.ArtistName,
        Plays = Plays,
        MsPlayed = MsPlayed,
        FirstPlayedAt = FirstPlayedAt,
        LastPlayedAt = LastPlayedAt,
    };
}

namespace SpotifyLocal.Core.Storage.Mongo;

// Output shapes of the insight pipelines (camelCase via MongoConventions, like the documents).

/// <summary>An artist and a local day number (days since 1970-01-01, a double from <c>$floor</c>).</summary>
internal sealed class ArtistDayKey
{
    public string ArtistKey { get; set; } = string.Empty;

    public double Day { get; set; }
}

/// <summary>One artist's plays on one local day before mapping to <see cref="ArtistDay"/>.</summary>
internal sealed class ArtistDayRow
{
    public ArtistDayKey Id { get; set; } = new();

    public int Plays { get; set; }

    public ArtistDay ToArtistDay() => new(Id.ArtistKey, LocalDayOffsets.DateOf((long)Id.Day), Plays);
}

/// <summary>One spelling's plays with skip data and its skips.</summary>
internal sealed class SkipSpelling
{
    public TopSpellingKey Id { get; set; } = new();

    public int Plays { get; set; }

    public int Skipped { get; set; }
}

/// <summary>One key's plays with skip data and its skips before mapping to <see cref="SkipCount"/>.</summary>
internal sealed class SkipRow
{
    public string Key { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? ArtistName { get; set; }

    public int Plays { get; set; }

    public int Skipped { get; set; }

    public SkipCount ToSkipCount() => new(Key, Name, ArtistName, Plays, Skipped);
}

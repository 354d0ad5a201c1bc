namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// A <see cref="PlayDayRollup"/> in the <c>play_day_rollups</c> collection, unique on (<c>userId</c>, <c>kind</c>,
/// <c>day</c>, <c>key</c>, <c>name</c>, <c>artist</c>); <c>day</c> is the UTC day number (<see cref="PlayDayRollups.DayOf"/>).
/// The UTC month rows in <c>play_month_rollups</c> have the same shape and identity, <c>day</c> being the day number of
/// the month's first day (<see cref="PlayDayRollups.MonthOf"/>), as <see cref="PlayDayRollups.FoldMonths"/> keys them.
/// </summary>
public sealed class PlayDayRollupDocument
{
    public MongoDB.Bson.ObjectId Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public long Day { get; set; }

    public string Key { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Artist { get; set; } = string.Empty;

    public int Plays { get; set; }

    public long MsPlayed { get; set; }

    public DateTime FirstPlayedAt { get; set; }

    public DateTime LastPlayedAt { get; set; }

    public PlayDayRollup ToDayRollup() => new(
        Day,
        new PlayRollup(
            new PlayRollupKey(UserId, PlayRollupDocument.ToKind(Kind), Key, Name, Artist),
            Plays,
            MsPlayed,
            MongoTime.FromBson(FirstPlayedAt),
            MongoTime.FromBson(LastPlayedAt)));
}

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>Conversions between domain instants and BSON datetimes (UTC, millisecond precision).</summary>
internal static class MongoTime
{
    /// <summary>The UTC instant truncated to whole milliseconds, the precision both backends store.</summary>
    public static DateTime ToBson(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    public static DateTime? ToBson(DateTimeOffset? value) => value is { } v ? ToBson(v) : null;

    public static DateTimeOffset FromBson(DateTime value) =>
        new(DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc));

    public static DateTimeOffset? FromBson(DateTime? value) => value is { } v ? FromBson(v) : null;
}

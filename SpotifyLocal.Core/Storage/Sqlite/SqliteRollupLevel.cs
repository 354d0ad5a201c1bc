namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>
/// One level of the rollups (<see cref="SqlitePlayRollups"/>): its table and, for the period levels, the bucket column,
/// the SQL that computes the bucket from a <c>day</c> column holding a UTC day number, and the bucket of a play's time
/// (all null for the all-time rows).
/// </summary>
internal sealed record SqliteRollupLevel(string Table, string? BucketColumn, string? BucketOfDay, Func<DateTimeOffset, long>? BucketOf);

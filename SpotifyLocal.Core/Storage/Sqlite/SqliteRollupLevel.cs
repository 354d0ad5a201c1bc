namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>
/// One level of the rollups (<see cref="SqlitePlayRollups"/>): its table and, for the period levels, the bucket column
/// and the SQL that computes a play's bucket from <c>played_at</c> (null for the all-time rows).
/// </summary>
internal sealed record SqliteRollupLevel(string Table, string? BucketColumn, string? BucketOfPlayedAt);

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// What some users' rollups can answer (<see cref="MongoPlayRollups.ReadinessAsync"/>): the all-time rows, the day rows
/// and the month rows are exact, and the users' first and last stored play.
/// </summary>
public sealed record RollupReadiness(bool AllTime, bool Days, bool Months, PlayBounds Bounds);

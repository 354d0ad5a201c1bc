namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// Whether a user's rollups are exact, in <c>play_rollup_states</c> (<c>_id</c> = user id). Present once the user's
/// rollups have been built (first write, or the backfill); <c>pending</c> counts writes that have changed plays but
/// not yet their rollups. Reads use the rollups only when it is 0, so an interrupted write costs speed, not exactness.
/// </summary>
public sealed class PlayRollupStateDocument
{
    public string Id { get; set; } = string.Empty;

    public int Pending { get; set; }

    /// <summary>
    /// True once the user's day rows (<c>play_day_rollups</c>) are built too: states written before the day rollups
    /// lack it, and the backfill builds those users' day rows at the next start.
    /// </summary>
    public bool Days { get; set; }

    /// <summary>
    /// True once the user's UTC month rows (<c>play_month_rollups</c>) are built too: states written before the month
    /// rollups lack it, and the backfill builds those users' month rows at the next start.
    /// </summary>
    public bool Months { get; set; }
}

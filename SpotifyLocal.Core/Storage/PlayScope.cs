namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The plays a query looks at: one or more users (a server leaderboard has several) and a
/// half-open UTC range [From, To).
/// </summary>
public sealed record PlayScope(IReadOnlyList<string> UserIds, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The earliest instant any scope can start at; "all time" starts here.</summary>
    public static readonly DateTimeOffset Beginning = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The end of "all time".</summary>
    public static readonly DateTimeOffset End = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PlayScope ForUser(string userId, DateTimeOffset from, DateTimeOffset to) => new([userId], from, to);

    public static PlayScope AllTime(string userId) => new([userId], Beginning, End);
}

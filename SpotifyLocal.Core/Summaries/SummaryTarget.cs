namespace SpotifyLocal.Core.Summaries;

/// <summary>
/// One recipient of weekly summaries: a server (<see cref="Id"/> = guild id, <see cref="Destination"/> = channel id) or
/// a user (<see cref="Id"/> = <see cref="Destination"/> = chat user id, <see cref="UserId"/> = whose plays).
/// </summary>
public sealed record SummaryTarget(SummaryTargetKind Kind, string Platform, string Id, string Destination, string TimeZone)
{
    /// <summary>The stored user id whose plays a user summary covers (null for servers).</summary>
    public string? UserId { get; init; }

    /// <summary>The ledger key: <c>discord-server:123</c> or <c>telegram:456</c>.</summary>
    public string Key => KeyOf(Kind, Platform, Id);

    public static string KeyOf(SummaryTargetKind kind, string platform, string id) =>
        kind == SummaryTargetKind.Server ? $"{platform}-server:{id}" : $"{platform}:{id}";
}

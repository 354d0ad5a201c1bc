namespace SpotifyLocal.Core.Storage;

/// <summary>A server member who opted in to having their listening shown in that server (leaderboards, weekly posts, <c>/top user:</c>).</summary>
public sealed record VisibleMember(string ServerId, string ChatUserId, string? DisplayName, DateTimeOffset Since);

using System.Text.Json.Serialization;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Cli;

/// <summary>The <c>recap --json</c> document: totals, the longest streak, the busiest month and hour, every month and hour, the top lists and the new artists.</summary>
internal sealed record RecapVerbOutput(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("period")] TopVerbPeriod Period,
    [property: JsonPropertyName("plays")] int Plays,
    [property: JsonPropertyName("msPlayed")] long MsPlayed,
    [property: JsonPropertyName("minutes")] long Minutes,
    [property: JsonPropertyName("listeningDays")] int ListeningDays,
    [property: JsonPropertyName("longestStreak")] InsightVerbStreak? LongestStreak,
    [property: JsonPropertyName("busiestMonth")] RecapVerbMonth? BusiestMonth,
    [property: JsonPropertyName("busiestHour")] RecapVerbHour? BusiestHour,
    [property: JsonPropertyName("months")] IReadOnlyList<RecapVerbMonth> Months,
    [property: JsonPropertyName("msPlayedByHour")] IReadOnlyList<long> MsPlayedByHour,
    [property: JsonPropertyName("topArtists")] IReadOnlyList<TopVerbItem> TopArtists,
    [property: JsonPropertyName("topTracks")] IReadOnlyList<TopVerbItem> TopTracks,
    [property: JsonPropertyName("topAlbums")] IReadOnlyList<TopVerbItem> TopAlbums,
    [property: JsonPropertyName("discoveries")] InsightVerbList Discoveries,
    [property: JsonPropertyName("playsWithSkipData")] int PlaysWithSkipData,
    [property: JsonPropertyName("skipped")] int Skipped,
    [property: JsonPropertyName("skipShare")] double? SkipShare);

/// <summary>A local calendar month ("2026-03") of a recap.</summary>
internal sealed record RecapVerbMonth(
    [property: JsonPropertyName("month")] string Month,
    [property: JsonPropertyName("plays")] int Plays,
    [property: JsonPropertyName("msPlayed")] long MsPlayed);

/// <summary>A local hour of the day (0–23) of a recap.</summary>
internal sealed record RecapVerbHour(
    [property: JsonPropertyName("hour")] int Hour,
    [property: JsonPropertyName("msPlayed")] long MsPlayed);

/// <summary>Consecutive local days, first and last inclusive.</summary>
internal sealed record InsightVerbStreak(
    [property: JsonPropertyName("first")] DateOnly First,
    [property: JsonPropertyName("last")] DateOnly Last,
    [property: JsonPropertyName("days")] int Days);

/// <summary>How many items a list has in all, and the ranked ones shown.</summary>
internal sealed record InsightVerbList(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("items")] IReadOnlyList<TopVerbItem> Items);

/// <summary>The <c>streaks --json</c> document.</summary>
internal sealed record StreaksVerbOutput(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("timeZone")] string TimeZone,
    [property: JsonPropertyName("today")] DateOnly Today,
    [property: JsonPropertyName("current")] InsightVerbStreak? Current,
    [property: JsonPropertyName("longest")] InsightVerbStreak? Longest,
    [property: JsonPropertyName("listeningDays")] int ListeningDays,
    [property: JsonPropertyName("lastListeningDay")] DateOnly? LastListeningDay,
    [property: JsonPropertyName("artists")] IReadOnlyList<StreaksVerbArtist> Artists);

/// <summary>One artist's streaks in a <c>streaks --json</c> document.</summary>
internal sealed record StreaksVerbArtist(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("longest")] InsightVerbStreak Longest,
    [property: JsonPropertyName("current")] InsightVerbStreak? Current);

/// <summary>The <c>discoveries --json</c> document: the new artists and tracks, ranked by plays since.</summary>
internal sealed record DiscoveriesVerbOutput(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("period")] TopVerbPeriod Period,
    [property: JsonPropertyName("artists")] InsightVerbList Artists,
    [property: JsonPropertyName("tracks")] InsightVerbList Tracks);

/// <summary>The <c>podcasts --json</c> document: the totals, then the top shows and episodes by listening time.</summary>
internal sealed record PodcastsVerbOutput(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("period")] TopVerbPeriod Period,
    [property: JsonPropertyName("totals")] PodcastsVerbTotals Totals,
    [property: JsonPropertyName("shows")] IReadOnlyList<PodcastsVerbShow> Shows,
    [property: JsonPropertyName("episodes")] IReadOnlyList<PodcastsVerbEpisode> Episodes);

/// <summary>A period's podcast and audiobook entries, their listening time, and how many shows and episodes they span.</summary>
internal sealed record PodcastsVerbTotals(
    [property: JsonPropertyName("plays")] int Plays,
    [property: JsonPropertyName("msPlayed")] long MsPlayed,
    [property: JsonPropertyName("shows")] int Shows,
    [property: JsonPropertyName("episodes")] int Episodes);

/// <summary>One ranked show (a podcast or an audiobook) of a <c>podcasts --json</c> document.</summary>
internal sealed record PodcastsVerbShow(
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("plays")] int Plays,
    [property: JsonPropertyName("msPlayed")] long MsPlayed,
    [property: JsonPropertyName("firstPlayedAt")] DateTimeOffset FirstPlayedAt,
    [property: JsonPropertyName("lastPlayedAt")] DateTimeOffset LastPlayedAt);

/// <summary>One ranked episode or chapter of a <c>podcasts --json</c> document, with its show and Spotify (or local) id.</summary>
internal sealed record PodcastsVerbEpisode(
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("show")] string? Show,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("plays")] int Plays,
    [property: JsonPropertyName("msPlayed")] long MsPlayed,
    [property: JsonPropertyName("firstPlayedAt")] DateTimeOffset FirstPlayedAt,
    [property: JsonPropertyName("lastPlayedAt")] DateTimeOffset LastPlayedAt);

/// <summary>Maps insight records to the JSON documents' shapes.</summary>
internal static class InsightVerbJson
{
    public static TopVerbPeriod Period(Period period) => new(period.Label, period.From, period.To, period.TimeZone.Id);

    public static InsightVerbStreak? Streak(Streak? streak) => streak is null ? null : new(streak.First, streak.Last, streak.Days);

    public static IReadOnlyList<TopVerbItem> Items(IReadOnlyList<TopItem> items) =>
        [.. items.Select((item, index) => new TopVerbItem(index + 1, item.Name, item.ArtistName, item.Plays, item.MsPlayed, item.FirstPlayedAt, item.LastPlayedAt, item.Key))];

    public static InsightVerbList List(DiscoveryList list) => new(list.Total, Items(list.Items));
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RecapVerbOutput))]
[JsonSerializable(typeof(StreaksVerbOutput))]
[JsonSerializable(typeof(DiscoveriesVerbOutput))]
[JsonSerializable(typeof(PodcastsVerbOutput))]
internal sealed partial class InsightVerbJsonContext : JsonSerializerContext;

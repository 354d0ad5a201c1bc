using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Insights;

/// <summary>
/// A user's listening over a period, for one shareable image and a text summary: time and plays, days with plays and the
/// longest run of them, listening per local month and per local hour of the day, the top artists, tracks and albums, and
/// the artists first played in the period ranked by plays since, and how many of the plays that say whether they were
/// skipped (extended-history plays) were. Days, months and hours are in the period's time zone.
/// </summary>
public sealed record Recap(
    Period Period,
    int Plays,
    long MsPlayed,
    int ListeningDays,
    Streak? LongestStreak,
    IReadOnlyList<RecapMonth> Months,
    IReadOnlyList<long> MsPlayedByHour,
    IReadOnlyList<TopItem> TopArtists,
    IReadOnlyList<TopItem> TopTracks,
    IReadOnlyList<TopItem> TopAlbums,
    DiscoveryList Discoveries,
    int PlaysWithSkipData,
    int Skipped)
{
    /// <summary>Skipped over plays with skip data; null when no play of the period says (tracked and account-data plays don't).</summary>
    public double? SkipShare => PlaysWithSkipData == 0 ? null : (double)Skipped / PlaysWithSkipData;

    /// <summary>Whole minutes listened, rounded to the nearest minute.</summary>
    public long Minutes => RoundMinutes(MsPlayed);

    /// <summary>The month with the most time listened (the earliest on a tie); null without plays.</summary>
    public RecapMonth? BusiestMonth => Months.Where(m => m.MsPlayed > 0).MaxBy(m => m.MsPlayed);

    /// <summary>The local hour of the day (0–23) with the most time listened (the earliest on a tie); null without plays.</summary>
    public int? BusiestHour
    {
        get
        {
            var best = -1;
            for (var hour = 0; hour < MsPlayedByHour.Count; hour++)
            {
                if (MsPlayedByHour[hour] > 0 && (best < 0 || MsPlayedByHour[hour] > MsPlayedByHour[best]))
                {
                    best = hour;
                }
            }

            return best < 0 ? null : best;
        }
    }

    /// <summary>Milliseconds as whole minutes, rounded to the nearest (half a minute rounds up).</summary>
    public static long RoundMinutes(long milliseconds) => (milliseconds + 30_000) / 60_000;
}

using System.Globalization;
using SpotifyLocal.Core.Stats;

namespace SpotifyLocal.Core.Summaries;

/// <summary>A completed calendar week and the instant its summary is due (<see cref="Slot"/>).</summary>
public sealed record ScheduledWeek(Period Week, DateTimeOffset Slot)
{
    /// <summary>The week's first local day as <c>yyyy-MM-dd</c>: the ledger's week key.</summary>
    public string Key => Week.FirstLocalDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Globalization;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Charts;

// The podcast chart, pure like the rest: data in, PNG out.
public sealed partial class ChartRenderer
{
    /// <summary>The top podcast shows and audiobooks of a period as bars of minutes listened.</summary>
    public byte[] RenderPodcasts(PodcastListening listening, ChartHeader header)
    {
        var totals = listening.Totals;
        var title = $"Top podcasts · {header.UserName}";
        var subtitle = string.Create(
            CultureInfo.InvariantCulture,
            $"{header.PeriodLabel} · {totals.MsPlayed / 60_000:N0} min in {totals.Shows:N0} shows · by minutes listened");
        return RenderRanked(listening.Shows, TopKind.Artists, title, subtitle, ChartMeasure.Minutes);
    }
}

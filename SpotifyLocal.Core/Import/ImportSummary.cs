using System.Globalization;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>The human report of a finished import: counts, skips by reason and the counting rules.</summary>
public static class ImportSummary
{
    public static string Describe(ImportJob job, ImportOptions rules, string? forWhom = null)
    {
        var culture = CultureInfo.InvariantCulture;
        var who = forWhom is null ? string.Empty : " for " + forWhom;
        var lines = new List<string>
        {
            string.Create(culture, $"Imported {job.FileName}{who}: {job.Inserted:N0} new plays, {job.Duplicates:N0} already stored, {job.Skipped:N0} left out (of {job.TotalTracks:N0} entries)."),
        };
        foreach (var (reason, count) in job.SkippedByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            lines.Add(string.Create(culture, $"  {reason}: {count:N0}"));
        }

        var seconds = (rules.MinPlayedMs / 1000.0).ToString("0.###", culture);
        lines.Add(string.Create(culture, $"Rules: a play counts when it lasted at least {seconds} s (Import:MinPlayedMs = {rules.MinPlayedMs})."));
        lines.Add(rules.IncludeIncognito
            ? "Private-session (incognito) plays are included (Import:IncludeIncognito = true)."
            : "Private-session (incognito) plays are left out (Import:IncludeIncognito = false).");
        lines.Add("Podcasts, audiobooks and videos are not music plays and are left out.");
        lines.Add("Entries longer than a day, ending in the future or before 2006 are impossible and left out.");
        return string.Join(Environment.NewLine, lines);
    }
}

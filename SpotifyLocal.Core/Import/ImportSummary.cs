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
        // The parts add up to the entries: plays, podcast/audiobook entries (when there are any) and those left out.
        var episodes = job.EpisodesInserted + job.EpisodeDuplicates;
        var apart = episodes == 0
            ? string.Empty
            : string.Create(culture, $"{episodes:N0} podcast/audiobook entries stored apart ({job.EpisodesInserted:N0} new, {job.EpisodeDuplicates:N0} already stored), ");
        var lines = new List<string>
        {
            string.Create(culture, $"Imported {job.FileName}{who}: {job.Inserted:N0} new plays, {job.Duplicates:N0} already stored, {apart}{job.Skipped:N0} left out (of {job.TotalTracks:N0} entries)."),
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
        lines.Add("Podcasts and audiobooks from the extended streaming history are stored apart from music plays and never counted in music stats (see /podcasts); videos and the account-data podcast files are left out.");
        lines.Add("Entries longer than a day, ending in the future or before 2006 are impossible and left out.");
        return string.Join(Environment.NewLine, lines);
    }
}

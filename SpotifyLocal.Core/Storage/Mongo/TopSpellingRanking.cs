namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// <see cref="MongoPlayStore.RankSpellings"/> in memory, for spellings gathered from several aggregates (day rows and
/// edge plays): sums each spelling, picks a key's most-played spelling (ties: smallest name, then artist) and ranks keys
/// by plays, time and key. Strings compare as MongoDB compares them without a collation: by UTF-8 bytes, i.e. code points.
/// </summary>
internal static class TopSpellingRanking
{
    private static readonly Comparer<string> CodePoints = Comparer<string>.Create(CompareCodePoints);

    public static IReadOnlyList<TopItem> Rank(IEnumerable<TopSpelling> spellings, TopKind kind, int limit)
    {
        var summed = spellings
            .GroupBy(s => (s.Id.Key, s.Id.Name, Artist: s.Id.ArtistName ?? string.Empty))
            .Select(g => (g.Key.Key, g.Key.Name, g.Key.Artist, Plays: g.Sum(s => s.Plays), Ms: g.Sum(s => s.MsPlayed),
                First: g.Min(s => s.FirstPlayedAt), Last: g.Max(s => s.LastPlayedAt)));
        var rows = summed
            .GroupBy(s => s.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var best = g.OrderByDescending(s => s.Plays).ThenBy(s => s.Name, CodePoints).ThenBy(s => s.Artist, CodePoints).First();
                return new TopItem(
                    g.Key,
                    best.Name,
                    kind == TopKind.Artists ? null : best.Artist,
                    g.Sum(s => s.Plays),
                    g.Sum(s => s.Ms),
                    MongoTime.FromBson(g.Min(s => s.First)),
                    MongoTime.FromBson(g.Max(s => s.Last)));
            });
        return [.. rows.OrderByDescending(r => r.Plays).ThenByDescending(r => r.MsPlayed).ThenBy(r => r.Key, CodePoints).Take(limit)];
    }

    private static int CompareCodePoints(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        var a = left.EnumerateRunes();
        var b = right.EnumerateRunes();
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA ? 1 : hasB ? -1 : 0;
            }

            var order = a.Current.Value.CompareTo(b.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }
}

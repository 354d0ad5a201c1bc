using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Tests.Storage;

/// <summary>How <see cref="SqliteSignedBuckets.Decompose"/> writes a span of whole UTC days as signed year, month and day rows.</summary>
public sealed class SignedBucketTests
{
    // Day numbers worked out by hand: 2025-01-01 is 20089, 2025-04-01 is 20179, 2025-12-31 is 20453, 2026-04-01 is 20544.
    private const long Jan1 = 20_089;
    private const long Apr1 = 20_179;
    private const long Dec31 = 20_453;
    private const long NextApr1 = 20_544;

    [Fact]
    public void The_last_365_days_from_1_April_are_two_years_less_three_months_when_nothing_was_played_after_them()
    {
        var terms = SqliteSignedBuckets.Decompose(Apr1, NextApr1, freeStart: false, freeEnd: true);

        Assert.Equal(
            [("year", Jan1, 1), ("year", 20_454L, 1), ("month", Jan1, -1), ("month", 20_120L, -1), ("month", 20_148L, -1)],
            terms.Select(t => (t.Level.BucketColumn, t.Bucket, t.Sign)).OrderByDescending(t => t.Sign).ThenByDescending(t => t.BucketColumn).ThenBy(t => t.Bucket));
    }

    [Fact]
    public void A_year_less_its_last_day_is_the_year_row_less_that_day_row()
    {
        var terms = SqliteSignedBuckets.Decompose(Jan1, Dec31, freeStart: false, freeEnd: false);

        Assert.Equal([("year", Jan1, 1), ("day", Dec31, -1)], terms.Select(t => (t.Level.BucketColumn, t.Bucket, t.Sign)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_day_inside_counts_once_and_every_day_outside_nets_to_zero(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var first = Jan1 - 800 + random.Next(1600);
            var end = first + 1 + random.Next(1200);
            var freeStart = random.Next(2) == 0;
            var freeEnd = random.Next(2) == 0;

            var terms = SqliteSignedBuckets.Decompose(first, end, freeStart, freeEnd);

            // Counted independently: each term's days, from the calendar.
            var net = new Dictionary<long, int>();
            foreach (var (level, bucket, sign) in terms)
            {
                var date = DateOnly.FromDayNumber((int)(new DateOnly(1970, 1, 1).DayNumber + bucket));
                var next = level.BucketColumn switch { "year" => date.AddYears(1), "month" => date.AddMonths(1), _ => date.AddDays(1) };
                for (var day = bucket; day < bucket + (next.DayNumber - date.DayNumber); day++)
                {
                    net[day] = net.GetValueOrDefault(day) + sign;
                }
            }

            for (var day = first - 400; day < end + 400; day++)
            {
                var inside = day >= first && day < end;
                var beyondFreeEnd = (freeStart && day < first) || (freeEnd && day >= end);
                if (inside)
                {
                    Assert.Equal(1, net.GetValueOrDefault(day));
                }
                else if (!beyondFreeEnd)
                {
                    Assert.Equal(0, net.GetValueOrDefault(day));
                }
                else
                {
                    Assert.InRange(net.GetValueOrDefault(day), 0, 1);
                }
            }

            // Never more rows than adding the whole months and the other days one by one (what the split reads).
            var split = PlayDayRollups.Split(new PlayScope(["u"], DateTimeOffset.FromUnixTimeMilliseconds(first * PlayDayRollups.DayMs), DateTimeOffset.FromUnixTimeMilliseconds(end * PlayDayRollups.DayMs)))!;
            var (months, days) = SqliteBoundedTopList.Buckets(split);
            Assert.True(terms.Count <= months.Count + days.Count, $"{terms.Count} terms for {months.Count} months and {days.Count} days");
        }
    }
}

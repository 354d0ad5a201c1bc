namespace SpotifyLocal.Core.Stats;

/// <summary>A period text a user typed could not be read; <see cref="Exception.Message"/> says why and what to type instead.</summary>
public sealed class PeriodParseException(string message) : UserFacingException(message)
{
    /// <summary>One line listing the accepted forms, appended to every message.</summary>
    public const string Help =
        "Use week, month, year, all, a year (2026), a month (2026-11), a day (2026-11-05), an ISO week (2026-W45) or a range (2026-01-01..2026-03-31).";
}

using System.Globalization;

namespace SpotifyLocal.Bot.Commands;

/// <summary>Small formatting rules shared by replies on every platform.</summary>
public static class ReplyText
{
    /// <summary>"3 h 07 min", "12 min", "40 s".</summary>
    public static string Duration(long milliseconds)
    {
        var time = TimeSpan.FromMilliseconds(milliseconds);
        if (time.TotalMinutes < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalSeconds} s");
        }

        return time.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)time.TotalHours:N0} h {time.Minutes:00} min")
            : string.Create(CultureInfo.InvariantCulture, $"{time.Minutes} min");
    }

    public static string Count(long value, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:N0} {(value == 1 ? singular : plural)}");
}

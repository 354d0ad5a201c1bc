using System.Text;

namespace SpotifyLocal.Core;

/// <summary>Text from uploads (file and entry names) made safe to echo in a chat reply or a log line.</summary>
public static class UserText
{
    /// <summary>
    /// Replaces control characters (NUL, escape sequences, line breaks) and bidirectional overrides with '?',
    /// so a crafted name can neither break a message nor make it read differently than it is.
    /// </summary>
    public static string Printable(string text)
    {
        if (!HasUnprintable(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(IsUnprintable(c) ? '?' : c);
        }

        return builder.ToString();
    }

    // A plain loop, not LINQ's Any (an enumerator and a delegate call per char): the import checks three context
    // texts per row, nearly always already printable.
    private static bool HasUnprintable(string text)
    {
        foreach (var c in text)
        {
            if (IsUnprintable(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnprintable(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}

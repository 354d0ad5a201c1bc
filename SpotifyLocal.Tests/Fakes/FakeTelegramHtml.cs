using System.Globalization;
using System.Text;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>
/// Telegram's HTML parse mode as the Bot API documents it (https://core.telegram.org/bots/api#html-style): only the
/// listed tags, properly nested; every &lt;, &gt; and &amp; outside a tag or entity escaped; only the named entities
/// &amp;lt; &amp;gt; &amp;amp; &amp;quot; plus numeric ones. Returns the visible text (what the length limits count) or the
/// error Telegram answers with.
/// </summary>
public static class FakeTelegramHtml
{
    // https://core.telegram.org/bots/api#html-style: the supported tags.
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote",
    };

    public static (string? Visible, string? Error) Parse(string html)
    {
        var visible = new StringBuilder(html.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    return (null, Error($"Unclosed start tag at byte offset {ByteOffset(html, i)}"));
                }

                var inner = html[(i + 1)..end];
                if (inner.StartsWith('/'))
                {
                    var name = inner[1..].Trim();
                    if (open.Count == 0 || open.Peek() != name)
                    {
                        return (null, Error($"Unexpected end tag at byte offset {ByteOffset(html, i)}"));
                    }

                    open.Pop();
                }
                else
                {
                    var name = inner.Split(' ', 2)[0];
                    if (!Tags.Contains(name))
                    {
                        return (null, Error($"Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, i)}"));
                    }

                    open.Push(name);
                }

                i = end + 1;
            }
            else if (c == '>')
            {
                return (null, Error($"Unexpected character '>' at byte offset {ByteOffset(html, i)}: must be escaped as &gt;"));
            }
            else if (c == '&')
            {
                var end = html.IndexOf(';', i);
                var entity = end < 0 ? null : html[(i + 1)..end];
                if (Decode(entity) is not { } decoded)
                {
                    return (null, Error($"Unsupported HTML entity at byte offset {ByteOffset(html, i)}: '&' must be escaped as &amp;"));
                }

                visible.Append(decoded);
                i = end + 1;
            }
            else
            {
                visible.Append(c);
                i++;
            }
        }

        return open.Count > 0
            ? (null, Error($"Can't find end tag corresponding to start tag \"{open.Peek()}\""))
            : (visible.ToString(), null);
    }

    private static string? Decode(string? entity) => entity switch
    {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        ['#', 'x' or 'X', .. var hex] when int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) => char.ConvertFromUtf32(code),
        ['#', .. var number] when int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var code) => char.ConvertFromUtf32(code),
        _ => null,
    };

    private static int ByteOffset(string html, int index) => Encoding.UTF8.GetByteCount(html.AsSpan(0, index));

    private static string Error(string detail) => "Bad Request: can't parse entities: " + detail;
}

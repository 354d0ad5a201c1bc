using System.Globalization;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Cli;

/// <summary>
/// The arguments the stats verbs (<c>top</c>, <c>recap</c>, <c>streaks</c>, <c>discoveries</c>, <c>skips</c>, <c>podcasts</c>) share:
/// words before or between the options, <c>--user</c>, <c>--json</c>, <c>--png FILE</c> and, where a verb takes them,
/// <c>--limit N</c> and its own switches (<c>top --minutes</c>).
/// </summary>
internal sealed record CliVerbArguments(IReadOnlyList<string> Words, string User, bool Json, string? PngPath, int? Limit)
{
    /// <summary>The verb's own switches that were given (e.g. <c>--minutes</c>).</summary>
    public IReadOnlySet<string> Switches { get; init; } = new HashSet<string>();

    /// <summary>
    /// Parses the shared options; false with a <paramref name="problem"/> for a bad option, a missing <c>--user</c> or more
    /// than <paramref name="maxWords"/> words.
    /// </summary>
    public static bool TryParse(
        IReadOnlyList<string> arguments,
        bool takesLimit,
        out CliVerbArguments parsed,
        out string problem,
        int maxWords = int.MaxValue,
        IReadOnlyCollection<string>? switches = null)
    {
        switches ??= [];
        parsed = new CliVerbArguments([], string.Empty, false, null, null);
        var given = new HashSet<string>(StringComparer.Ordinal);
        problem = string.Empty;
        var words = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument == "--json")
            {
                parsed = parsed with { Json = true };
                continue;
            }

            if (switches.Contains(argument))
            {
                given.Add(argument);
                continue;
            }

            if (argument is "--user" or "--png" || (takesLimit && argument == "--limit"))
            {
                if (i + 1 >= arguments.Count || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    problem = $"{argument} needs a value.";
                    return false;
                }

                var value = arguments[++i];
                if (argument == "--user")
                {
                    parsed = parsed with { User = value };
                }
                else if (argument == "--png")
                {
                    parsed = parsed with { PngPath = value };
                }
                else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= StatsService.MaxTopLimit)
                {
                    parsed = parsed with { Limit = limit };
                }
                else
                {
                    problem = $"--limit must be a number from 1 to {StatsService.MaxTopLimit}.";
                    return false;
                }

                continue;
            }

            if (argument.StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"Unknown option {argument}.";
                return false;
            }

            words.Add(argument);
        }

        if (string.IsNullOrWhiteSpace(parsed.User))
        {
            problem = "Give --user with a Spotify id or platform:chatUserId (e.g. telegram:12345).";
            return false;
        }

        if (words.Count > maxWords)
        {
            problem = $"Unexpected argument \"{words[maxWords]}\".";
            return false;
        }

        parsed = parsed with { Words = words, Switches = given };
        return true;
    }

    /// <summary>The user id <see cref="User"/> names and its stored user (null when only plays exist); unknown without either.</summary>
    /// <exception cref="UserFacingException">Neither a user nor any play has the id.</exception>
    public Task<(string UserId, User? User)> ResolveAsync(
        IUserStore users, IChatLinkStore chatLinks, IPlayStore plays, CancellationToken cancellationToken) =>
        ResolveAsync(users, chatLinks, async (userId, ct) => await plays.CountAsync(PlayScope.AllTime(userId), ct) > 0, cancellationToken);

    /// <summary>As above, for a verb that reads through <see cref="StatsService"/> (any play of all time counts).</summary>
    /// <exception cref="UserFacingException">Neither a user nor any play has the id.</exception>
    public Task<(string UserId, User? User)> ResolveAsync(
        IUserStore users, IChatLinkStore chatLinks, StatsService stats, CancellationToken cancellationToken) =>
        ResolveAsync(users, chatLinks, async (userId, ct) => (await stats.GetTotalsAsync([userId], Periods.AllTime(TimeZoneInfo.Utc), ct)).Plays > 0, cancellationToken);

    /// <summary>As above, with what counts as the id having data (a podcast verb also takes episode entries).</summary>
    /// <exception cref="UserFacingException">Neither a user nor any data has the id.</exception>
    public async Task<(string UserId, User? User)> ResolveAsync(
        IUserStore users, IChatLinkStore chatLinks, Func<string, CancellationToken, Task<bool>> hasData, CancellationToken cancellationToken)
    {
        var userId = await CliUser.ResolveAsync(User, chatLinks, cancellationToken);
        var user = await users.GetAsync(userId, cancellationToken);
        if (user is null && !await hasData(userId, cancellationToken))
        {
            throw new UserFacingException($"No user and no plays found for \"{User}\".");
        }

        return (userId, user);
    }

    /// <summary>Says what is wrong with the arguments and how the verb is used; exit code 2.</summary>
    public static async Task<int> RefuseAsync(TextWriter error, string problem, string usage)
    {
        await error.WriteLineAsync(problem);
        await error.WriteLineAsync("Usage: " + usage);
        return 2;
    }

    /// <summary>
    /// Runs a verb's work: exit code 0, or the message of a period it cannot read (2) or of a refusal such as an unknown
    /// user (1), the exit codes every stats verb shares.
    /// </summary>
    public static async Task<int> ExecuteAsync(TextWriter error, Func<Task> work)
    {
        try
        {
            await work();
            return 0;
        }
        catch (PeriodParseException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (UserFacingException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    /// <summary>The name charts show: the stored display name, else the id.</summary>
    public static string DisplayName(string userId, User? user) => user?.DisplayName is { Length: > 0 } name ? name : userId;

    /// <summary>Writes the PNG, creating its folder; says so on the output unless it is JSON.</summary>
    public async Task WritePngAsync(byte[] png, TextWriter output, CancellationToken cancellationToken)
    {
        if (PngPath is not { } path)
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllBytesAsync(path, png, cancellationToken);
        if (!Json)
        {
            await output.WriteLineAsync($"Chart written to {path}");
        }
    }
}

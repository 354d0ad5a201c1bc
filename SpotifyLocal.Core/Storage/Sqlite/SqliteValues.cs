using Microsoft.Data.Sqlite;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>Conversions between domain values and SQLite columns (instants are Unix milliseconds).</summary>
internal static class SqliteValues
{
    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static object ToDb(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    public static object ToDb(string? value) => value is null ? DBNull.Value : value;

    public static object ToDb(bool? value) => value is { } v ? (v ? 1 : 0) : DBNull.Value;

    public static bool? NullableBool(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal) != 0;

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? NullableInstant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromMs(reader.GetInt64(ordinal));

    public static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Numbers our code computed (day numbers, instants) as an SQL list text, e.g. for <c>day IN (…)</c>.</summary>
    public static string Literals(IEnumerable<long> values) =>
        string.Join(", ", values.Select(value => value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Adds <c>@u0, @u1, …</c> parameters for a user id list and returns the SQL list text.</summary>
    public static string AddUserIds(SqliteCommand command, IReadOnlyList<string> userIds) => AddTexts(command, "u", userIds);

    /// <summary>
    /// Adds <c>@{prefix}0, @{prefix}1, …</c> parameters for a list of texts and returns the SQL list text; an empty list
    /// still parses (<c>IN (NULL)</c> matches nothing).
    /// </summary>
    public static string AddTexts(SqliteCommand command, string prefix, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return "NULL";
        }

        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = "@" + prefix + i;
            command.Parameters.AddWithValue(names[i], values[i]);
        }

        return string.Join(", ", names);
    }

    /// <summary>Binds a scope's half-open range as <c>@from</c>/<c>@to</c> and its users as <see cref="AddUserIds"/> does; returns the list text.</summary>
    public static string AddScope(SqliteCommand command, PlayScope scope)
    {
        command.Parameters.AddWithValue("@from", ToMs(scope.From));
        command.Parameters.AddWithValue("@to", ToMs(scope.To));
        return AddUserIds(command, scope.UserIds);
    }
}

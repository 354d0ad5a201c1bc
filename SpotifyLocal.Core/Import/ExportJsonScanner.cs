using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// The validating pre-pass over one history file: streams it through <see cref="Utf8JsonReader"/> in small
/// blocks, checks that it is UTF-8, an array of objects with the expected field types, counts the rows and
/// finds the covered period. Running it before any write means a bad file is refused with nothing stored.
/// </summary>
internal static class ExportJsonScanner
{
    private const int InitialBufferBytes = 64 * 1024;

    // The buffer only grows while one token does not fit; real entries are a few hundred bytes, so this stops a
    // file made of one huge string from being read into memory whole.
    private const int MaxBufferBytes = 1024 * 1024;

    private static readonly (byte[] Utf8, string Name, Field Field)[] KnownFields =
    [
        .. new[]
        {
            ("ts", Field.Ts), ("ms_played", Field.MsPlayed), ("incognito_mode", Field.Incognito),
            ("master_metadata_track_name", Field.ExtendedText), ("master_metadata_album_artist_name", Field.ExtendedText),
            ("master_metadata_album_album_name", Field.ExtendedText), ("spotify_track_uri", Field.ExtendedText),
            ("episode_name", Field.ExtendedText), ("spotify_episode_uri", Field.ExtendedText),
            ("audiobook_title", Field.ExtendedText), ("audiobook_uri", Field.ExtendedText),
            ("audiobook_chapter_uri", Field.ExtendedText), ("endTime", Field.EndTime), ("msPlayed", Field.MsPlayedAccount),
            ("artistName", Field.AccountText), ("trackName", Field.AccountText),
        }.Select(f => (System.Text.Encoding.UTF8.GetBytes(f.Item1), f.Item1, f.Item2)),
    ];

    private enum Field
    {
        Unknown,
        Ts,
        MsPlayed,
        Incognito,
        ExtendedText,
        EndTime,
        MsPlayedAccount,
        AccountText,
    }

    public static async Task<ExportScan> ScanAsync(Stream stream, string displayName, ExportFileKind kind, CancellationToken cancellationToken)
    {
        var state = new ScanState(displayName, kind);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        try
        {
            var filled = 0;
            var first = true;
            var readerState = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxBufferBytes)
                    {
                        throw new ImportRejectedException(
                            $"{displayName} has a value larger than {ExportPackage.Megabytes(MaxBufferBytes)} in entry #{Math.Max(1, state.Items)}: entries of a history file are a few hundred bytes, so it was refused.");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                filled += read;
                var final = read == 0;
                var start = 0;
                if (first && (filled >= 3 || final))
                {
                    start = SkipPreamble(buffer.AsSpan(0, filled), displayName);
                    first = false;
                }
                else if (first)
                {
                    continue;
                }

                var consumed = start + Process(buffer.AsSpan(start, filled - start), final, ref readerState, state);
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                if (final)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!state.RootClosed)
        {
            throw new ImportRejectedException($"{displayName} ends too early: the file is truncated.");
        }

        return new ExportScan(state.Kind, state.Items, state.First, state.Last);
    }

    private static int SkipPreamble(ReadOnlySpan<byte> data, string displayName)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return 3;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || (data.Length >= 2 && (data[0] == 0 || data[1] == 0)))
        {
            throw new ImportRejectedException($"{displayName} is not UTF-8 text (it looks like UTF-16). Upload the file exactly as Spotify sent it.");
        }

        return 0;
    }

    // Optimized from the first call, here and in the per-token methods: the pre-pass runs once, before any write, and
    // tiering's start-up delay kept it in unoptimized code for much of a 200,000-row file (0.25-0.4 s of its ~1.3 s).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Process(ReadOnlySpan<byte> data, bool final, ref JsonReaderState readerState, ScanState state)
    {
        var reader = new Utf8JsonReader(data, final, readerState);
        try
        {
            while (reader.Read())
            {
                state.Accept(ref reader);
            }
        }
        catch (JsonException ex)
        {
            throw new ImportRejectedException(
                $"{state.DisplayName} is not valid JSON (near entry #{Math.Max(1, state.Items)}): the file is damaged or not a Spotify history file.",
                ex);
        }

        readerState = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private sealed class ScanState(string displayName, ExportFileKind kind)
    {
        private Field field;
        private string? property;
        private bool sawTime;
        private bool sawMsPlayed;

        public string DisplayName { get; } = displayName;

        public ExportFileKind Kind { get; private set; } = kind;

        public long Items { get; private set; }

        public DateTimeOffset? First { get; private set; }

        public DateTimeOffset? Last { get; private set; }

        public bool RootClosed { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Accept(ref Utf8JsonReader reader)
        {
            var depth = reader.CurrentDepth;
            var token = reader.TokenType;
            if (token is JsonTokenType.String or JsonTokenType.PropertyName && (!Utf8.IsValid(reader.ValueSpan) || !Unescapes(ref reader)))
            {
                throw Reject("is not UTF-8 text. Upload the file exactly as Spotify sent it.");
            }

            if (RootClosed)
            {
                throw Reject("has content after its closing bracket.");
            }

            switch (depth)
            {
                case 0 when token == JsonTokenType.StartArray:
                    return;
                case 0 when token == JsonTokenType.EndArray:
                    RootClosed = true;
                    return;
                case 0:
                    throw Reject("is not a JSON array of plays.");
                case 1 when token == JsonTokenType.StartObject:
                    Items++;
                    sawTime = false;
                    sawMsPlayed = false;
                    field = Field.Unknown;
                    return;
                case 1 when token == JsonTokenType.EndObject:
                    EndItem();
                    return;
                case 1:
                    throw Reject($"has an entry (#{Items + 1}) that is not an object: a Spotify history file is an array of objects.");
                case 2 when token == JsonTokenType.PropertyName:
                    field = Resolve(reader.ValueSpan);
                    if (Kind == ExportFileKind.Other && Items == 1)
                    {
                        Kind = field switch
                        {
                            Field.Ts => ExportFileKind.ExtendedAudio,
                            Field.EndTime => ExportFileKind.AccountDataMusic,
                            _ => Kind,
                        };
                    }

                    return;
                case 2:
                    Value(ref reader);
                    return;
                default:
                    return;
            }
        }

        // An escaped lone surrogate ("\ud83c") is valid UTF-8 but fails when the reader deserializes it, after writing began.
        private static bool Unescapes(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped)
            {
                return true;
            }

            try
            {
                reader.GetString();
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Value(ref Utf8JsonReader reader)
        {
            var token = reader.TokenType;
            if (field == Field.Unknown)
            {
                return;
            }

            switch (Kind, field)
            {
                case (ExportFileKind.ExtendedAudio, Field.Ts):
                    if (!ExtendedHistoryTime.TryRead(ref reader, out var ts))
                    {
                        throw WrongType("a time like 2025-10-22T23:00:36Z");
                    }

                    sawTime = true;
                    Observe(ts);
                    return;
                case (ExportFileKind.ExtendedAudio or ExportFileKind.Other, Field.MsPlayed):
                case (ExportFileKind.AccountDataMusic or ExportFileKind.Other, Field.MsPlayedAccount):
                    if (token != JsonTokenType.Number || !reader.TryGetInt64(out var ms) || ms < 0)
                    {
                        throw WrongType("a whole number of milliseconds");
                    }

                    sawMsPlayed = true;
                    return;
                case (ExportFileKind.ExtendedAudio, Field.Incognito):
                    if (token is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                    {
                        throw WrongType("true or false");
                    }

                    return;
                case (ExportFileKind.AccountDataMusic, Field.EndTime):
                    if (token != JsonTokenType.String || !AccountDataTime.TryParse(reader.GetString(), out var end))
                    {
                        throw WrongType("a time like 2023-01-15 14:30");
                    }

                    sawTime = true;
                    Observe(end);
                    return;
                case (ExportFileKind.ExtendedAudio, Field.ExtendedText):
                case (ExportFileKind.AccountDataMusic, Field.AccountText):
                    if (token is not (JsonTokenType.String or JsonTokenType.Null))
                    {
                        throw WrongType("text");
                    }

                    return;
                default:
                    return;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Field Resolve(ReadOnlySpan<byte> name)
        {
            foreach (var known in KnownFields)
            {
                if (name.SequenceEqual(known.Utf8))
                {
                    property = known.Name;
                    return known.Field;
                }
            }

            property = null;
            return Field.Unknown;
        }

        private void EndItem()
        {
            var needsFields = Kind is ExportFileKind.ExtendedAudio or ExportFileKind.AccountDataMusic;
            if (needsFields && (!sawTime || !sawMsPlayed))
            {
                var fields = Kind == ExportFileKind.ExtendedAudio ? "\"ts\" and \"ms_played\"" : "\"endTime\" and \"msPlayed\"";
                throw Reject($"has an entry (#{Items}) without {fields}: it is not a Spotify streaming history file.");
            }
        }

        private void Observe(DateTimeOffset at)
        {
            if (First is null || at < First)
            {
                First = at;
            }

            if (Last is null || at > Last)
            {
                Last = at;
            }
        }

        private ImportRejectedException WrongType(string expected) =>
            Reject($"has an entry (#{Items}) whose \"{property}\" is not {expected}.");

        private ImportRejectedException Reject(string what) => new($"{DisplayName} {what}");
    }
}

using System.IO.Compression;
using System.Text;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Import;

/// <summary>Every refused input: a clear message, a failed job carrying it, and nothing stored.</summary>
public sealed class BadInputTests
{
    private const string Good = "Spotify Extended Streaming History/Streaming_History_Audio_2025_0.json";

    private static string ValidHistory(int plays = 50) => new ExtendedHistoryBuilder(ImportHarness.Start).Music(plays).ToJson();

    [Fact]
    public async Task A_file_that_is_not_a_zip_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Bytes([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0], ".png");

        await AssertRefusedAsync(harness, path, "neither a ZIP archive nor a JSON file");
    }

    [Fact]
    public async Task An_empty_zip_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.ZipBytes();

        await AssertRefusedAsync(harness, path, "empty ZIP");
    }

    [Fact]
    public async Task A_zip_without_history_files_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip(("MyData/Userdata.json", "{}"), ("MyData/Read_Me_First.pdf", "%PDF"));

        await AssertRefusedAsync(harness, path, "holds no Spotify streaming history");
    }

    [Fact]
    public async Task A_truncated_zip_is_refused()
    {
        await using var harness = new ImportHarness();
        var whole = File.ReadAllBytes(harness.Files.Zip((Good, ValidHistory(2_000))));
        var path = harness.Files.Bytes(whole[..(whole.Length / 2)], ".zip");

        await AssertRefusedAsync(harness, path, "not a readable ZIP archive");
    }

    [Fact]
    public async Task A_zip_whose_entry_data_is_damaged_is_refused()
    {
        await using var harness = new ImportHarness();
        var bytes = File.ReadAllBytes(harness.Files.Zip((Good, ValidHistory(2_000))));
        // Flip bytes in the middle of the compressed data (the local header is ~100 bytes, the directory is at the end).
        for (var i = bytes.Length / 3; i < (bytes.Length / 3) + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        var path = harness.Files.Bytes(bytes, ".zip");

        await AssertRefusedAsync(harness, path, "damaged");
    }

    [Fact]
    public async Task A_history_file_that_is_not_an_array_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip((Good, """{"ts":"2025-06-01T08:00:00Z","ms_played":1}"""));

        await AssertRefusedAsync(harness, path, "is not a JSON array of plays");
    }

    [Fact]
    public async Task A_history_array_of_non_objects_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip((Good, "[1,2,3]"));

        await AssertRefusedAsync(harness, path, "that is not an object");
    }

    [Fact]
    public async Task A_row_with_a_wrong_type_late_in_the_file_is_refused_before_anything_is_stored()
    {
        await using var harness = new ImportHarness();
        var json = ValidHistory(2_500);
        var bad = json[..^1] + """,{"ts":"2026-01-01T00:00:00Z","ms_played":"long","spotify_track_uri":"spotify:track:x"}]""";
        var path = harness.Files.Zip((Good, bad));

        await AssertRefusedAsync(harness, path, "\"ms_played\" is not a whole number");
    }

    [Fact]
    public async Task A_row_with_an_unreadable_time_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip((Good, """[{"ts":"yesterday","ms_played":1000}]"""));

        await AssertRefusedAsync(harness, path, "\"ts\" is not a time");
    }

    [Fact]
    public async Task Invalid_json_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip((Good, ValidHistory()[..^40]));

        await AssertRefusedAsync(harness, path, "not valid JSON");
    }

    [Fact]
    public async Task Text_that_is_not_utf8_is_refused()
    {
        await using var harness = new ImportHarness();
        var latin1 = Encoding.Latin1.GetBytes("""[{"ts":"2025-06-01T08:00:00Z","ms_played":200000,"master_metadata_track_name":"Café","master_metadata_album_artist_name":"Zoé","spotify_track_uri":"spotify:track:x"}]""");
        var path = harness.Files.ZipBytes((Good, latin1));

        await AssertRefusedAsync(harness, path, "not UTF-8");
    }

    [Fact]
    public async Task An_escaped_lone_surrogate_late_in_the_file_is_refused_before_anything_is_stored()
    {
        await using var harness = new ImportHarness();
        var json = ValidHistory(2_500);
        var bad = json[..^1] + """,{"ts":"2026-01-01T00:00:00Z","ms_played":200000,"master_metadata_track_name":"\ud83c","master_metadata_album_artist_name":"Band","spotify_track_uri":"spotify:track:x"}]""";
        var path = harness.Files.Zip((Good, bad));

        await AssertRefusedAsync(harness, path, "not UTF-8");
    }

    [Fact]
    public async Task Utf16_text_is_refused()
    {
        await using var harness = new ImportHarness();
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(ValidHistory(3))).ToArray();
        var path = harness.Files.Bytes(utf16, ".json");

        await AssertRefusedAsync(harness, path, "not UTF-8");
    }

    [Fact]
    public async Task An_entry_with_an_absurd_compression_ratio_is_refused()
    {
        await using var harness = new ImportHarness();
        var bomb = new byte[20 * 1024 * 1024];
        bomb.AsSpan().Fill((byte)' ');
        bomb[0] = (byte)'[';
        bomb[^1] = (byte)']';
        var path = harness.Files.ZipBytes((Good, bomb));

        await AssertRefusedAsync(harness, path, "possible zip bomb");
    }

    [Fact]
    public async Task An_entry_larger_than_the_limit_is_refused()
    {
        await using var harness = new ImportHarness(new ImportOptions { MaxEntryBytes = 64 * 1024 });
        var path = harness.Files.Zip((Good, ValidHistory(1_000)));

        await AssertRefusedAsync(harness, path, "per file");
    }

    [Fact]
    public async Task History_files_larger_together_than_the_upload_limit_are_refused()
    {
        var history = ValidHistory(1_000);
        await using var harness = new ImportHarness(new ImportOptions { MaxTotalUncompressedBytes = (history.Length * 2) + 10 });
        var path = harness.Files.Zip(
            ("Spotify Extended Streaming History/Streaming_History_Audio_2024_0.json", history),
            ("Spotify Extended Streaming History/Streaming_History_Audio_2024_1.json", history),
            ("Spotify Extended Streaming History/Streaming_History_Audio_2025_2.json", history));

        await AssertRefusedAsync(harness, path, "per upload");
    }

    [Fact]
    public async Task An_entry_that_unpacks_to_more_than_it_declares_is_cut_off_and_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip((Good, ValidHistory(500)));
        LieAboutUncompressedSize(path, 1_000);

        // .NET stops reading at the declared size, so the rest never unpacks and the cut-off JSON is refused.
        await AssertRefusedAsync(harness, path, "damaged");
    }

    [Fact]
    public async Task An_entry_holding_one_huge_value_is_refused_without_reading_it_whole()
    {
        await using var harness = new ImportHarness();
        var huge = new string('x', 3 * 1024 * 1024);
        var path = harness.Files.Json($$"""[{"ts":"2025-06-01T08:00:00Z","ms_played":200000,"master_metadata_track_name":"{{huge}}","spotify_track_uri":"spotify:track:x"}]""");

        await AssertRefusedAsync(harness, path, "has a value larger than 1 MB in entry #1");
    }

    [Fact]
    public async Task A_zip_with_thousands_of_entries_is_refused()
    {
        await using var harness = new ImportHarness();
        var entries = Enumerable.Range(0, 3_000).Select(i => ($"junk/{i}.txt", "x")).ToArray();
        var path = harness.Files.Zip(entries);

        await AssertRefusedAsync(harness, path, "3,000 files");
    }

    [Fact]
    public async Task An_entry_name_with_dot_dot_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip((Good, ValidHistory()), ("../../Streaming_History_Audio_evil.json", ValidHistory()));

        await AssertRefusedAsync(harness, path, "unsafe path");
    }

    [Fact]
    public async Task An_entry_name_with_an_absolute_path_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip(("/etc/Streaming_History_Audio_2025_0.json", ValidHistory()));

        await AssertRefusedAsync(harness, path, "unsafe path");
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused()
    {
        await using var harness = new ImportHarness(new ImportOptions { MaxFileBytes = 10 * 1024 });
        var path = harness.Files.Json(ValidHistory(500));

        await AssertRefusedAsync(harness, path, "the largest file this server accepts is");
    }

    [Fact]
    public async Task A_json_file_that_is_not_a_streaming_history_is_refused()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Json("""[{"name":"playlist","items":[]}]""");

        await AssertRefusedAsync(harness, path, "not a Spotify streaming history file");
    }

    [Fact]
    public async Task An_encrypted_entry_is_refused_as_encrypted_not_damaged()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip((Good, ValidHistory()));
        PatchHeaders(path, localOffset: 6, centralOffset: 8, value: 0x0001);

        await AssertRefusedAsync(harness, path, "is encrypted");
    }

    [Theory]
    [InlineData(12, "bzip2")]
    [InlineData(14, "LZMA")]
    public async Task An_entry_compressed_with_an_unsupported_method_is_refused_with_its_name(ushort method, string name)
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip((Good, ValidHistory()));
        PatchHeaders(path, localOffset: 8, centralOffset: 10, value: method);

        await AssertRefusedAsync(harness, path, $"compressed with {name}");
    }

    [Fact]
    public async Task A_message_never_echoes_control_characters_from_an_entry_name()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip((Good, ValidHistory()), ("MyData/Streaming_History_Audio_\0\u001b[31m.json", "[1]"));

        var error = await Assert.ThrowsAsync<ImportRejectedException>(() => harness.ImportAsync(path, fileName: "up\u0007load\r\n.zip"));

        Assert.DoesNotContain(error.Message, char.IsControl);
        var job = await harness.OnlyJobAsync();
        Assert.DoesNotContain(job.Error!, char.IsControl);
        Assert.DoesNotContain(job.FileName, char.IsControl);
    }

    private static async Task AssertRefusedAsync(ImportHarness harness, string path, string expectedMessagePart)
    {
        var error = await Assert.ThrowsAsync<ImportRejectedException>(() => harness.ImportAsync(path));

        Assert.True(error.Message.Contains(expectedMessagePart, StringComparison.Ordinal), error.Message);
        var job = await harness.OnlyJobAsync();
        Assert.Equal(ImportJobStatus.Failed, job.Status);
        Assert.Equal(error.Message, job.Error);
        Assert.Equal(0, job.Inserted);
        Assert.Equal(0, await harness.CountAsync());
        Assert.Null(await harness.Database.ImportJobs.FindActiveAsync("u1", TestContext.Current.CancellationToken));
    }

    /// <summary>Writes a 16-bit field at the given offsets of every local header and central-directory record.</summary>
    private static void PatchHeaders(string path, int localOffset, int centralOffset, ushort value)
    {
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + localOffset, 2), value);
            }
            else if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + centralOffset, 2), value);
            }
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Rewrites the uncompressed size in the local header and central directory to a smaller lie.</summary>
    private static void LieAboutUncompressedSize(string path, uint claimed)
    {
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), claimed);
            }
            else if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), claimed);
            }
        }

        File.WriteAllBytes(path, bytes);
        using var check = ZipFile.OpenRead(path);
        Assert.Equal(claimed, check.Entries[0].Length);
    }
}

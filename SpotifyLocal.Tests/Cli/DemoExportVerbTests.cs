using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpotifyLocal.Bot.Cli;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Cli;

/// <summary>The operator's path: the import verb on the shipped demo export, then the top verb on the result.</summary>
public sealed class DemoExportVerbTests : IAsyncDisposable
{
    private readonly TestBot _bot = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Importing_the_demo_export_then_top_all_artists_prints_a_ranking_and_writes_the_chart()
    {
        var verbs = _bot.Services.GetServices<ICliVerb>().ToDictionary(v => v.Name);
        var png = Path.Combine(_bot.WorkDirectory, "top.png");

        var imported = await RunAsync(verbs["import"], Samples.DemoExport(), "--user", "console:local");
        var json = await RunAsync(verbs["top"], "all", "artists", "--user", "console:local", "--json");
        var table = await RunAsync(verbs["top"], "all", "artists", "--user", "console:local", "--png", png);

        Assert.Equal(0, imported.Code);
        Assert.Contains("3,201 new plays", imported.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.Code);
        using var document = JsonDocument.Parse(json.Output);
        var rows = document.RootElement.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value.EnumerateArray().ToList();
        Assert.True(rows.Count >= 10);
        var firstName = rows[0].EnumerateObject().First(p => p.Name.Equals("name", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;
        Assert.Contains(firstName, table.Output, StringComparison.Ordinal);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
    }

    private static async Task<(int Code, string Output)> RunAsync(ICliVerb verb, params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await verb.RunAsync(arguments, output, error, Ct);
        return (code, output + error.ToString());
    }
}

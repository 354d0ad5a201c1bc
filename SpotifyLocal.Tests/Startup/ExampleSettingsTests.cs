using System.Reflection;
using System.Text.Json;
using SpotifyLocal.Bot;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Startup;

/// <summary>appsettings.example.json documents every setting, and every key in it is one the bot reads.</summary>
public sealed class ExampleSettingsTests
{
    /// <summary>Keys the host itself reads (not an options class).</summary>
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase) { "Urls" };

    private static readonly Dictionary<string, Type> Sections = new[] { typeof(StorageOptions).Assembly, typeof(BotApplication).Assembly }
        .SelectMany(a => a.GetTypes())
        .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
        .Where(x => x.Field is { IsLiteral: true } && x.Type.Name.EndsWith("Options", StringComparison.Ordinal))
        .ToDictionary(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Every_key_in_the_example_binds_to_a_setting_and_every_setting_is_in_the_example()
    {
        using var example = JsonDocument.Parse(File.ReadAllText(FindExample()), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var unknown = new List<string>();
        var missing = new List<string>();

        foreach (var section in example.RootElement.EnumerateObject())
        {
            if (HostKeys.Contains(section.Name))
            {
                continue;
            }

            if (!Sections.TryGetValue(section.Name, out var type))
            {
                unknown.Add(section.Name);
                continue;
            }

            Compare(section.Name, section.Value, type, unknown, missing);
        }

        missing.AddRange(Sections.Keys.Where(name => !Has(example.RootElement, name.Split(':'))));
        Assert.Empty(unknown);
        Assert.Empty(missing);
    }

    private static void Compare(string path, JsonElement json, Type type, List<string> unknown, List<string> missing)
    {
        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var key in json.EnumerateObject())
        {
            if (Sections.TryGetValue($"{path}:{key.Name}", out var nested) && key.Value.ValueKind == JsonValueKind.Object)
            {
                // A section of its own inside this one (Web:Upload in Web).
                Compare($"{path}:{key.Name}", key.Value, nested, unknown, missing);
            }
            else if (!settable.TryGetValue(key.Name, out var property))
            {
                unknown.Add($"{path}:{key.Name}");
            }
            else if (key.Value.ValueKind == JsonValueKind.Object)
            {
                Compare($"{path}:{key.Name}", key.Value, property.PropertyType, unknown, missing);
            }
        }

        var present = json.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        missing.AddRange(settable.Keys.Where(name => !present.Contains(name)).Select(name => $"{path}:{name}"));
    }

    private static bool Has(JsonElement json, IEnumerable<string> path) =>
        path.Aggregate((JsonElement?)json, (at, name) => at is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var next) ? next : null) is not null;

    private static string FindExample()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "appsettings.example.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("appsettings.example.json not found above " + AppContext.BaseDirectory);
    }
}

namespace SpotifyLocal.Tests.Builders;

/// <summary>Files shipped in the repository, found from the test binaries' folder upwards.</summary>
public static class Samples
{
    /// <summary>The committed demo export (<c>samples/demo-export.zip</c>).</summary>
    public static string DemoExport()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "demo-export.zip");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/demo-export.zip not found above " + AppContext.BaseDirectory);
    }
}

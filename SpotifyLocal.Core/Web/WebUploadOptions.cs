using System.ComponentModel.DataAnnotations;

namespace SpotifyLocal.Core.Web;

/// <summary>The <c>Web:Upload</c> section: how often a person may upload an export and where uploads wait for their import.</summary>
public sealed class WebUploadOptions
{
    public const string SectionName = "Web:Upload";

    /// <summary>Uploads one person may start per hour (an import of a big export keeps a core busy for minutes).</summary>
    [Range(1, 1_000)]
    public int MaxUploadsPerHour { get; set; } = 10;

    /// <summary>The folder uploads are streamed to until their import ends; empty means <c>spotifylocal-uploads</c> in the system temp folder.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>The folder to stream uploads to.</summary>
    public string ResolveTempDirectory() =>
        string.IsNullOrWhiteSpace(TempDirectory) ? Path.Combine(Path.GetTempPath(), "spotifylocal-uploads") : TempDirectory;
}

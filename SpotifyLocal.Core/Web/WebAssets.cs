using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// The page's own stylesheet and scripts, embedded from <c>Web/Assets/</c> and served at <c>/web/static/{name}</c>:
/// the Content Security Policy allows scripts and styles from here (<c>'self'</c>), so pages need no inline code.
/// Add a file to the folder and it is served; nothing else is.
/// </summary>
public static class WebAssets
{
    public const string PathPrefix = "/web/static/";

    public const string StylesheetPath = PathPrefix + "site.css";

    private const string ResourcePrefix = "SpotifyLocal.Core.Web.Assets.";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static IEndpointRouteBuilder MapWebAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PathPrefix + "{name}", (string name, HttpResponse response) =>
        {
            if (!Files.TryGetValue(name, out var file))
            {
                return Results.NotFound();
            }

            // Not personal and the same for everyone: the browser may keep it, but asks again after a restart of the page.
            response.Headers.CacheControl = "no-cache";
            response.Headers.Remove("Pragma");
            return Results.Bytes(file.Content, file.ContentType);
        });
        return endpoints;
    }

    private static FrozenDictionary<string, (byte[] Content, string ContentType)> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            var contentType = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = (copy.ToArray(), contentType);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

using Microsoft.Extensions.Options;

namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// Checks what data annotations cannot: the three credentials come together or not at all, and the
/// redirect URI is one Spotify accepts (HTTPS, or an <c>http</c> loopback literal).
/// </summary>
internal sealed class SpotifyOptionsValidator : IValidateOptions<SpotifyOptions>
{
    public ValidateOptionsResult Validate(string? name, SpotifyOptions options)
    {
        var failures = new List<string>();
        var anySet = !string.IsNullOrWhiteSpace(options.ClientId)
            || !string.IsNullOrWhiteSpace(options.ClientSecret)
            || !string.IsNullOrWhiteSpace(options.RedirectUri);
        if (anySet && !options.IsConfigured)
        {
            foreach (var (key, value) in new[]
                     {
                         ("Spotify:ClientId", options.ClientId),
                         ("Spotify:ClientSecret", options.ClientSecret),
                         ("Spotify:RedirectUri", options.RedirectUri),
                     })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    failures.Add($"{key} is missing: set ClientId, ClientSecret and RedirectUri together to enable linking, or none of them.");
                }
            }
        }

        if (options.IsConfigured)
        {
            if (!Uri.TryCreate(options.RedirectUri, UriKind.Absolute, out var redirect))
            {
                failures.Add("Spotify:RedirectUri must be an absolute URL such as https://bot.example.com/callback.");
            }
            else if (redirect.Scheme != Uri.UriSchemeHttps && !(redirect.Scheme == Uri.UriSchemeHttp && redirect.IsLoopback && redirect.Host != "localhost"))
            {
                failures.Add("Spotify:RedirectUri must use https, or http with a loopback literal (http://127.0.0.1:PORT/callback); Spotify rejects 'localhost'.");
            }
        }

        foreach (var (key, value) in new[] { ("Spotify:AccountsBaseUrl", options.AccountsBaseUrl), ("Spotify:ApiBaseUrl", options.ApiBaseUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                failures.Add($"{key} must be an absolute URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

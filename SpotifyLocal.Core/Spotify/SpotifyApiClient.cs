using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// Typed client for the Web API endpoints a development-mode app may still use: <c>/v1/me</c> and
/// <c>/v1/me/player/recently-played</c>. Each call takes the user's access token explicitly.
/// </summary>
public sealed class SpotifyApiClient(HttpClient httpClient)
{
    /// <summary>Spotify never returns more than this many recently-played items, whatever the cursor.</summary>
    public const int RecentlyPlayedLimit = 50;

    public Task<SpotifyProfileDto> GetProfileAsync(string accessToken, CancellationToken cancellationToken) =>
        GetAsync("v1/me", accessToken, SpotifyJsonContext.Default.SpotifyProfileDto, cancellationToken);

    /// <summary>Plays that ended strictly after <paramref name="after"/> (or the newest 50 when null), newest first.</summary>
    public Task<RecentlyPlayedDto> GetRecentlyPlayedAsync(string accessToken, DateTimeOffset? after, CancellationToken cancellationToken)
    {
        var uri = $"v1/me/player/recently-played?limit={RecentlyPlayedLimit}";
        if (after is { } cursor)
        {
            uri += "&after=" + cursor.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        return GetAsync(uri, accessToken, SpotifyJsonContext.Default.RecentlyPlayedDto, cancellationToken);
    }

    private async Task<T> GetAsync<T>(string uri, string accessToken, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        var response = await SpotifyTransport.SendAsync(httpClient, request, cancellationToken);

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized:
                    throw new SpotifyUnauthorizedException();
                case HttpStatusCode.Forbidden:
                    throw await ForbiddenAsync(response, cancellationToken);
                case var status when !response.IsSuccessStatusCode:
                    throw new SpotifyUnavailableException(status);
            }

            return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken)
                ?? throw new SpotifyUnavailableException(response.StatusCode);
        }
    }

    /// <summary>
    /// Spotify answers a user missing from a development-mode app's user list with 403 "Check settings on
    /// developer.spotify.com/dashboard, the user may not be registered." (developer.spotify.com/documentation/web-api/concepts/quota-modes);
    /// any other 403 (or a body that is not JSON) is a different problem with a different remedy.
    /// </summary>
    private static async Task<SpotifyException> ForbiddenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? message = null;
        try
        {
            var error = await response.Content.ReadFromJsonAsync(SpotifyJsonContext.Default.SpotifyErrorDto, cancellationToken);
            message = error?.Error?.Message;
        }
        catch (JsonException)
        {
            // Not Spotify's JSON shape, so not the allow-list answer either.
        }

        return message?.Contains("user may not be registered", StringComparison.OrdinalIgnoreCase) == true
            ? new SpotifyNotAllowListedException()
            : new SpotifyForbiddenException(message);
    }
}

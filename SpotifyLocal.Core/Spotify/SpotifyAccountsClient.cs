using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// Typed client for accounts.spotify.com: the authorization-code exchange and refresh, form-encoded with
/// HTTP Basic client authentication (a JSON body gives <c>unsupported_grant_type</c>).
/// </summary>
public sealed class SpotifyAccountsClient(HttpClient httpClient, IOptions<SpotifyOptions> options, TimeProvider timeProvider)
{
    /// <summary>Exchanges the code from the OAuth callback; <c>redirect_uri</c> must equal the one used to authorize.</summary>
    /// <remarks>
    /// Sent once, never retried: Spotify may have consumed the single-use code before its answer was lost, and a second
    /// exchange would only read "Invalid authorization code". A lost answer asks the user for a fresh /link instead.
    /// </remarks>
    public async Task<SpotifyTokens> ExchangeCodeAsync(string code, CancellationToken cancellationToken)
    {
        SpotifyTokenDto dto;
        try
        {
            dto = await RequestTokenAsync(
                [
                    new("grant_type", "authorization_code"),
                    new("code", code),
                    new("redirect_uri", options.Value.RedirectUri!),
                ],
                retry: false,
                cancellationToken);
        }
        catch (SpotifyUnavailableException ex)
        {
            throw new SpotifyCodeExchangeFailedException(ex);
        }

        var refresh = dto.RefreshToken ?? throw new SpotifyTokenException("missing_refresh_token");
        return ToTokens(dto, refresh);
    }

    /// <summary>Gets a new access token; keeps <paramref name="refreshToken"/> unless Spotify sends a new one.</summary>
    /// <exception cref="SpotifyRelinkRequiredException">The refresh token is revoked or dead (<c>invalid_grant</c>).</exception>
    public async Task<SpotifyTokens> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var dto = await RequestTokenAsync(
            [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)],
            retry: true,
            cancellationToken);
        return ToTokens(dto, dto.RefreshToken ?? refreshToken);
    }

    private SpotifyTokens ToTokens(SpotifyTokenDto dto, string refreshToken) =>
        new(dto.AccessToken, refreshToken, timeProvider.GetUtcNow().AddSeconds(dto.ExpiresIn), dto.Scope);

    private async Task<SpotifyTokenDto> RequestTokenAsync(KeyValuePair<string, string>[] form, bool retry, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/token") { Content = new FormUrlEncodedContent(form) };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ClientId}:{settings.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Options.Set(SpotifyServiceCollectionExtensions.Retry, retry);

        var response = await SpotifyTransport.SendAsync(httpClient, request, cancellationToken);

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync(SpotifyJsonContext.Default.SpotifyTokenDto, cancellationToken)
                    ?? throw new SpotifyUnavailableException(response.StatusCode);
            }

            if ((int)response.StatusCode >= 500)
            {
                throw new SpotifyUnavailableException(response.StatusCode);
            }

            SpotifyTokenErrorDto? error = null;
            try
            {
                error = await response.Content.ReadFromJsonAsync(SpotifyJsonContext.Default.SpotifyTokenErrorDto, cancellationToken);
            }
            catch (JsonException)
            {
                // A non-JSON error body is still an error; fall through with what the status says.
            }

            if (error?.Error == "invalid_grant")
            {
                throw new SpotifyRelinkRequiredException(error.ErrorDescription);
            }

            throw new SpotifyTokenException(error?.Error ?? (response.StatusCode == HttpStatusCode.Unauthorized ? "invalid_client" : null));
        }
    }
}

using Polly.Timeout;

namespace SpotifyLocal.Core.Spotify;

/// <summary>The one send path of both Spotify clients: network failures and timeouts become <see cref="SpotifyUnavailableException"/>.</summary>
internal static class SpotifyTransport
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient httpClient, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SpotifyUnavailableException(null, ex);
        }
    }
}

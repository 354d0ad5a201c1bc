using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Spotify;

namespace SpotifyLocal.Core.Web;

/// <summary>Maps <c>/health</c> and, when a Spotify app is configured, the OAuth callback at the path of <c>Spotify:RedirectUri</c>.</summary>
public static class SpotifyLocalEndpoints
{
    public static IEndpointRouteBuilder MapSpotifyLocalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", () => Results.Text("ok"));
        endpoints.MapWebEndpoints();

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SpotifyOptions>>().Value;
        if (options.IsConfigured)
        {
            endpoints.MapGet(options.GetRedirectUrl().AbsolutePath, HandleCallbackAsync);
        }

        return endpoints;
    }

    private static async Task<IResult> HandleCallbackAsync(
        string? code,
        string? state,
        string? error,
        AccountLifecycleService accounts,
        HttpResponse response)
    {
        // The URL carries a one-time code and state: never cache the page, never send it on as a referrer, run nothing.
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        response.Headers["Referrer-Policy"] = "no-referrer";
        // Not the request's abort token: a closed tab must not cut the code exchange half way.
        var result = await accounts.ReceiveConsentAsync(state, code, error, CancellationToken.None);
        var status = result.Outcome switch
        {
            LinkOutcome.AwaitingConfirmation or LinkOutcome.Denied => StatusCodes.Status200OK,
            LinkOutcome.InvalidState => StatusCodes.Status400BadRequest,
            LinkOutcome.NotAllowListed => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status502BadGateway,
        };
        return Results.Content(LinkPageRenderer.Render(result), "text/html; charset=utf-8", statusCode: status);
    }
}

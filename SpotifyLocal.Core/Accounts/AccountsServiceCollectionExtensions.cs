using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;
using SpotifyLocal.Core.Web;

namespace SpotifyLocal.Core.Accounts;

/// <summary>Registers linking, token protection (Data Protection keys in <c>Spotify:TokenKeyDirectory</c>) and the default chat notifier.</summary>
public static class AccountsServiceCollectionExtensions
{
    /// <summary>Needs <see cref="SpotifyServiceCollectionExtensions.AddSpotify"/> and the storage registration.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var keyDirectory = configuration[$"{SpotifyOptions.SectionName}:{nameof(SpotifyOptions.TokenKeyDirectory)}"] ?? new SpotifyOptions().TokenKeyDirectory;
        services.AddDataProtection()
            .SetApplicationName("SpotifyLocal")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keyDirectory)));
        services.TryAddSingleton<ITokenProtector, DataProtectionTokenProtector>();
        services.TryAddSingleton<IChatNotifier, LoggingChatNotifier>();
        services.TryAddSingleton<PendingLinkStore>();
        // The sessions /forget ends live with the web page.
        services.AddWebPages(configuration);
        services.TryAddSingleton<Stats.StatsService>();
        services.TryAddSingleton<TokenRefreshLocks>();
        services.TryAddSingleton<AccountWriters>();
        services.TryAddTransient<AccountLifecycleService>();
        services.TryAddSingleton<PlayBatchWriter>();
        services.TryAddSingleton<PlayMoveService>();
        services.AddHostedService<PlayMoveWorker>();
        services.TryAddTransient<SpotifyTokenService>();
        services.TryAddTransient<RecentPlaysPoller>();
        return services;
    }
}

using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Storage;

/// <summary>
/// The four stores of one backend instance, plus how to throw it away. <c>OtherProcessPlays</c> opens a second
/// play store on the same data the way another process (the import verb beside the bot) would.
/// </summary>
public sealed record StorageUnderTest(
    IPlayStore Plays,
    IUserStore Users,
    IChatLinkStore ChatLinks,
    IImportJobStore ImportJobs,
    Func<ValueTask> DisposeAsync,
    Func<IPlayStore>? OtherProcessPlays = null);

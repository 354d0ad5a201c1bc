using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Storage;

/// <summary>The four stores of one backend instance, plus how to throw it away.</summary>
public sealed record StorageUnderTest(
    IPlayStore Plays,
    IUserStore Users,
    IChatLinkStore ChatLinks,
    IImportJobStore ImportJobs,
    Func<ValueTask> DisposeAsync);

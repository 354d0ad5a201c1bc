namespace SpotifyLocal.Core.Storage;

/// <summary>
/// Puts the configured backend's schema in place: SQLite's migrations, MongoDB's indexes and rollup backfill. Safe to
/// run again; every entry point runs it before touching storage (the host as a hosted service at start, the
/// command-line verbs before they run), so no write ever reaches a collection without its unique indexes.
/// </summary>
public interface IStorageInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}

namespace SpotifyLocal.Tests.Import;

/// <summary>
/// Runs a block with the process's local time zone set (Linux reads <c>TZ</c> again after
/// <see cref="TimeZoneInfo.ClearCachedData"/>), so tests can show that nothing depends on the server's zone.
/// </summary>
public sealed class ServerTimeZone : IDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private readonly string? _previous;

    private ServerTimeZone(string zone)
    {
        Gate.Wait();
        _previous = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", zone);
        TimeZoneInfo.ClearCachedData();
        Assert.Equal(zone, TimeZoneInfo.Local.Id);
    }

    public static ServerTimeZone Set(string zone) => new(zone);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TZ", _previous);
        TimeZoneInfo.ClearCachedData();
        Gate.Release();
    }
}

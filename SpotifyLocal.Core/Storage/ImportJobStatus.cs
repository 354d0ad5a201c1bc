namespace SpotifyLocal.Core.Storage;

/// <summary>The life of an import job: pending → processing → completed | failed.</summary>
public enum ImportJobStatus
{
    Pending = 0,
    Processing = 1,
    Completed = 2,
    Failed = 3,
}

namespace SpotifyLocal.Core.Storage;

/// <summary>What a bulk insert did: plays stored, and plays skipped because they were already there.</summary>
public sealed record InsertResult(int Inserted, int Duplicates)
{
    public static InsertResult Empty { get; } = new(0, 0);

    public InsertResult Add(InsertResult other) => new(Inserted + other.Inserted, Duplicates + other.Duplicates);
}

using Microsoft.Extensions.Options;

namespace SpotifyLocal.Core.Storage;

/// <summary>
/// Checks the storage section and names the key to fix. The Mongo keys are checked earlier, by
/// <see cref="Mongo.MongoConnectionSettings"/> while <c>AddStorage</c> registers the backend.
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Failures(StorageOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            yield return "Storage:Provider must be Sqlite or Mongo.";
        }

        if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.Sqlite.Path))
        {
            yield return "Storage:Sqlite:Path must name the SQLite database file.";
        }
    }
}

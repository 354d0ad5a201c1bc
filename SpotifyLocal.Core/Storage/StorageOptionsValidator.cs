using Microsoft.Extensions.Options;

namespace SpotifyLocal.Core.Storage;

/// <summary>Checks the storage section and names the key to fix.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> with the failures, for checks made while registering services.</summary>
    public static void ThrowIfInvalid(StorageOptions options)
    {
        var failures = Failures(options).ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), failures);
        }
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

        if (options.Provider == StorageProvider.Mongo)
        {
            if (string.IsNullOrWhiteSpace(options.Mongo.ConnectionString))
            {
                yield return "Storage:Provider is Mongo but no connection string is set: set Storage:Mongo:ConnectionString or the MONGODB_URI environment variable.";
            }

            if (string.IsNullOrWhiteSpace(options.Mongo.DatabaseName))
            {
                yield return "Storage:Mongo:DatabaseName (or MONGODB_DB_NAME) must not be empty.";
            }
        }
    }
}

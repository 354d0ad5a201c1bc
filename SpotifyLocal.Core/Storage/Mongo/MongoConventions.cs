using MongoDB.Bson.Serialization.Conventions;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// The BSON conventions of our document classes: camelCase element names and tolerance for fields a
/// newer version (or the seed) wrote. Registered once per process, before the first class map is built.
/// </summary>
internal static class MongoConventions
{
    private static readonly Lazy<bool> Registration = new(() =>
    {
        var pack = new ConventionPack
        {
            new CamelCaseElementNameConvention(),
            new IgnoreExtraElementsConvention(true),
        };

        // Scoped to this namespace so other libraries' class maps keep their own conventions.
        ConventionRegistry.Register("SpotifyLocal.Mongo", pack, type => type.Namespace == typeof(MongoConventions).Namespace);
        return true;
    });

    public static void EnsureRegistered() => _ = Registration.Value;
}

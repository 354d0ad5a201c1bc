using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>Source-generated JSON for the few values SQLite stores as JSON text.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;

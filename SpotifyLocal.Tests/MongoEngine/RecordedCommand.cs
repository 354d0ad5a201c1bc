using MongoDB.Bson;

namespace SpotifyLocal.Tests.MongoEngine;

/// <summary>
/// One command the store sent: its collection, the operation and what was rendered (pipeline stages, update
/// filters and updates, a delete filter, or the inserted documents).
/// </summary>
public sealed record RecordedCommand(string Collection, string Operation, BsonArray Body);

using System.Diagnostics;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SpotifyLocal.Core.Storage.Mongo;

namespace SpotifyLocal.Tests.MongoEngine;

/// <summary>
/// An <see cref="IMongoEngine"/> that runs the store's commands, rendered by the driver exactly as it would send
/// them, on mingo in one Node process (<c>engine.js</c> beside this file), and records each command so tests can
/// check what every query and update filters on. Results come back as canonical Extended JSON and are read through
/// the rendered pipeline's own output serializer, i.e. the same row types the store maps from a server.
/// </summary>
internal sealed class MingoEngine : IMongoEngine, IAsyncDisposable
{
    /// <summary>Set by <c>.ci/run</c> (and any CI, <c>CI=true</c>): a missing engine fails the tests instead of skipping them.</summary>
    public const string RequireVariable = "SPOTIFYLOCAL_REQUIRE_MONGO_ENGINE";

    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson, Indent = false };

    private readonly Process _node;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<RecordedCommand> _commands = [];

    private MingoEngine(Process node) => _node = node;

    /// <summary>Every command sent since the last <see cref="ClearRecorded"/>, in order.</summary>
    public IReadOnlyList<RecordedCommand> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public static string EngineDirectory { get; } = FindDirectory();

    /// <summary>True under CI (<c>CI=true</c>, or <see cref="RequireVariable"/> from <c>.ci/run</c>): a missing engine fails instead of skipping.</summary>
    public static bool Required =>
        Environment.GetEnvironmentVariable(RequireVariable) is "1" or "true"
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Starts the engine, or returns null and says why (Node or the npm packages missing).</summary>
    public static MingoEngine? TryStart(out string problem)
    {
        problem = string.Empty;
        if (!File.Exists(Path.Combine(EngineDirectory, "node_modules", "mingo", "package.json")))
        {
            problem = $"the engine's npm packages are not installed: run `npm ci --prefix {EngineDirectory}`";
            return null;
        }

        try
        {
            var node = Process.Start(new ProcessStartInfo("node", Path.Combine(EngineDirectory, "engine.js"))
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = EngineDirectory,
            });
            if (node is null)
            {
                problem = "node did not start";
                return null;
            }

            return new MingoEngine(node);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            problem = "Node.js (node) is not on PATH";
            return null;
        }
    }

    public void ClearRecorded()
    {
        lock (_commands)
        {
            _commands.Clear();
        }
    }

    public Task ResetAsync() => SendAsync(new BsonDocument("op", "reset"));

    /// <summary>A server-side validator like <c>collMod</c>'s: documents it rejects fail with a write error that is not a duplicate.</summary>
    public Task SetValidatorAsync<T>(IMongoCollection<T> collection, FilterDefinition<T> validator) =>
        SendAsync(new BsonDocument { { "op", "setValidator" }, { "collection", collection.CollectionNamespace.CollectionName }, { "validator", validator.Render(Args(collection)) } });

    /// <summary>Stores documents as they are, with no index checks beyond those created (the export of another store's plays).</summary>
    public Task LoadAsync(string collection, IEnumerable<BsonDocument> documents) =>
        SendAsync(new BsonDocument { { "op", "insertMany" }, { "collection", collection }, { "documents", new BsonArray(documents) } });

    /// <summary>Every document of a collection, read through its class map.</summary>
    public async Task<List<T>> DumpAsync<T>(IMongoCollection<T> collection)
    {
        var reply = await SendAsync(new BsonDocument { { "op", "dump" }, { "collection", collection.CollectionNamespace.CollectionName } });
        return [.. reply["results"].AsBsonArray.Select(d => BsonSerializer.Deserialize<T>(d.AsBsonDocument))];
    }

    public async Task<List<TOutput>> AggregateAsync<TDocument, TOutput>(
        IMongoCollection<TDocument> collection, PipelineDefinition<TDocument, TOutput> pipeline, CancellationToken cancellationToken)
    {
        var rendered = pipeline.Render(Args(collection));
        var stages = new BsonArray(rendered.Documents);
        Record(collection, "aggregate", stages);
        var reply = await SendAsync(new BsonDocument { { "op", "aggregate" }, { "collection", Name(collection) }, { "pipeline", stages } });
        return [.. reply["results"].AsBsonArray.Select(r =>
        {
            using var reader = new BsonDocumentReader(r.AsBsonDocument);
            return rendered.OutputSerializer.Deserialize(BsonDeserializationContext.CreateRoot(reader));
        })];
    }

    public async Task<InsertManyOutcome> InsertManyAsync<TDocument>(
        IMongoCollection<TDocument> collection, IReadOnlyList<TDocument> documents, CancellationToken cancellationToken)
    {
        var bson = new BsonArray(documents.Select(d => Serialize(collection, d)));
        Record(collection, "insertMany", bson);
        var reply = await SendAsync(new BsonDocument { { "op", "insertMany" }, { "collection", Name(collection) }, { "documents", bson } });
        var duplicates = new HashSet<int>();
        var notStored = new HashSet<int>();
        foreach (var error in reply["writeErrors"].AsBsonArray.Select(e => e.AsBsonDocument))
        {
            (error["code"].ToInt32() == 11000 ? duplicates : notStored).Add(error["index"].ToInt32());
        }

        return new InsertManyOutcome(
            duplicates, notStored, notStored.Count > 0 ? new InvalidOperationException($"{notStored.Count} documents failed validation") : null);
    }

    public async Task<long> UpdateAsync<TDocument>(
        IMongoCollection<TDocument> collection, IReadOnlyList<UpdateOneModel<TDocument>> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return 0;
        }

        var rendered = new BsonArray(updates.Select(u => new BsonDocument
        {
            { "filter", u.Filter.Render(Args(collection)) },
            { "update", u.Update.Render(Args(collection)) },
            { "upsert", u.IsUpsert },
        }));
        Record(collection, "update", rendered);
        var reply = await SendAsync(new BsonDocument { { "op", "update" }, { "collection", Name(collection) }, { "updates", rendered } });
        return reply["matched"].ToInt64() + reply["upserted"].ToInt64();
    }

    public async Task UpdateManyAsync<TDocument>(
        IMongoCollection<TDocument> collection, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, CancellationToken cancellationToken)
    {
        var rendered = new BsonArray { new BsonDocument { { "filter", filter.Render(Args(collection)) }, { "update", update.Render(Args(collection)) } } };
        Record(collection, "updateMany", rendered);
        await SendAsync(new BsonDocument { { "op", "updateMany" }, { "collection", Name(collection) }, { "filter", rendered[0]["filter"] }, { "update", rendered[0]["update"] } });
    }

    public async Task<bool> TryInsertOneAsync<TDocument>(IMongoCollection<TDocument> collection, TDocument document, CancellationToken cancellationToken)
    {
        var bson = Serialize(collection, document);
        Record(collection, "insertOne", new BsonArray { bson });
        var reply = await SendAsync(new BsonDocument { { "op", "insertOne" }, { "collection", Name(collection) }, { "document", bson } });
        return reply["code"].ToInt32() switch
        {
            0 => true,
            11000 => false,
            var code => throw new InvalidOperationException($"insertOne failed with code {code}"),
        };
    }

    public async Task<long> DeleteManyAsync<TDocument>(
        IMongoCollection<TDocument> collection, FilterDefinition<TDocument> filter, CancellationToken cancellationToken)
    {
        var rendered = filter.Render(Args(collection));
        Record(collection, "delete", new BsonArray { rendered });
        var reply = await SendAsync(new BsonDocument { { "op", "deleteMany" }, { "collection", Name(collection) }, { "filter", rendered } });
        return reply["deleted"].ToInt64();
    }

    public async Task CreateIndexesAsync<TDocument>(
        IMongoCollection<TDocument> collection, IReadOnlyList<CreateIndexModel<TDocument>> indexes, CancellationToken cancellationToken)
    {
        var rendered = new BsonArray(indexes.Select(i => new BsonDocument
        {
            { "key", i.Keys.Render(Args(collection)) },
            { "name", i.Options.Name },
            { "unique", i.Options.Unique ?? false },
        }));
        Record(collection, "createIndexes", rendered);
        await SendAsync(new BsonDocument { { "op", "createIndexes" }, { "collection", Name(collection) }, { "indexes", rendered } });
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _node.StandardInput.Close();
            await _node.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            _node.Kill();
        }

        _node.Dispose();
        _gate.Dispose();
    }

    private async Task<BsonDocument> SendAsync(BsonDocument request)
    {
        await _gate.WaitAsync();
        try
        {
            await _node.StandardInput.WriteLineAsync(request.ToJson(Canonical));
            await _node.StandardInput.FlushAsync();
            var line = await _node.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The mingo engine exited.");
            var reply = BsonDocument.Parse(line);
            return reply.TryGetValue("error", out var error) ? throw new InvalidOperationException("mingo: " + error.AsString) : reply;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Record<T>(IMongoCollection<T> collection, string operation, BsonArray body)
    {
        lock (_commands)
        {
            _commands.Add(new RecordedCommand(Name(collection), operation, body));
        }
    }

    /// <summary>Serializes like the driver's InsertMany: a missing <c>_id</c> is generated first.</summary>
    private static BsonDocument Serialize<T>(IMongoCollection<T> collection, T document)
    {
        if (collection.DocumentSerializer is IBsonIdProvider ids
            && ids.GetDocumentId(document, out var id, out _, out var generator)
            && generator is not null
            && generator.IsEmpty(id))
        {
            ids.SetDocumentId(document, generator.GenerateId(collection, document));
        }

        var bson = new BsonDocument();
        using (var writer = new BsonDocumentWriter(bson))
        {
            collection.DocumentSerializer.Serialize(BsonSerializationContext.CreateRoot(writer), document);
        }

        return bson;
    }

    private static RenderArgs<T> Args<T>(IMongoCollection<T> collection) => new(collection.DocumentSerializer, BsonSerializer.SerializerRegistry);

    private static string Name<T>(IMongoCollection<T> collection) => collection.CollectionNamespace.CollectionName;

    private static string FindDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "SpotifyLocal.Tests", "MongoEngine");
            if (File.Exists(Path.Combine(candidate, "engine.js")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("SpotifyLocal.Tests/MongoEngine/engine.js not found above " + AppContext.BaseDirectory);
    }
}

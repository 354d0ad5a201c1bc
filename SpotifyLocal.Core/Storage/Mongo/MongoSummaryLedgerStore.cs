using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// <see cref="ISummaryLedgerStore"/> on the <c>summary_ledger</c> collection. A unique index on (target, week)
/// makes <see cref="TryCreateAsync"/> atomic: the second insert fails with a duplicate key.
/// </summary>
public sealed class MongoSummaryLedgerStore : ISummaryLedgerStore
{
    private static readonly FilterDefinitionBuilder<SummaryLedgerDocument> Filter = Builders<SummaryLedgerDocument>.Filter;

    private readonly IMongoCollection<SummaryLedgerDocument> _entries;

    public MongoSummaryLedgerStore(MongoCollections collections) => _entries = collections.SummaryLedger;

    internal static IReadOnlyList<CreateIndexModel<SummaryLedgerDocument>> Indexes => [OnePerTargetAndWeek];

    // At most one entry per target and week: the whole exactly-once rule rests on this index.
    internal static readonly CreateIndexModel<SummaryLedgerDocument> OnePerTargetAndWeek = new(
        Builders<SummaryLedgerDocument>.IndexKeys.Ascending(e => e.TargetKey).Ascending(e => e.Week),
        new CreateIndexOptions { Name = "targetKey_1_week_1", Unique = true });

    public async Task<SummaryLedgerEntry?> GetAsync(string targetKey, string week, CancellationToken cancellationToken)
    {
        var document = await _entries.Find(Of(targetKey, week)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToEntry();
    }

    public async Task<bool> TryCreateAsync(SummaryLedgerEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await _entries.InsertOneAsync(SummaryLedgerDocument.From(entry), options: null, cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public Task CompleteAsync(
        string targetKey, string week, SummaryLedgerState state, DateTimeOffset at, string? detail, CancellationToken cancellationToken) =>
        _entries.UpdateOneAsync(
            Of(targetKey, week),
            Builders<SummaryLedgerDocument>.Update
                .Set(e => e.State, state)
                .Set(e => e.CompletedAt, MongoTime.ToBson(at))
                .Set(e => e.Detail, detail),
            options: null,
            cancellationToken);

    public async Task<int> DeleteTargetAsync(string targetKey, CancellationToken cancellationToken)
    {
        var result = await _entries.DeleteManyAsync(Filter.Eq(e => e.TargetKey, targetKey), cancellationToken);
        return (int)result.DeletedCount;
    }

    private static FilterDefinition<SummaryLedgerDocument> Of(string targetKey, string week) =>
        Filter.Eq(e => e.TargetKey, targetKey) & Filter.Eq(e => e.Week, week);
}

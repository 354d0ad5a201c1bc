using MongoDB.Bson;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>A <see cref="SummaryLedgerEntry"/> in the <c>summary_ledger</c> collection, unique on (<c>targetKey</c>, <c>week</c>).</summary>
public sealed class SummaryLedgerDocument
{
    public ObjectId Id { get; set; }

    public string TargetKey { get; set; } = string.Empty;

    public string Week { get; set; } = string.Empty;

    public SummaryLedgerState State { get; set; }

    public string Nonce { get; set; } = string.Empty;

    public DateTime DecidedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? Detail { get; set; }

    public static SummaryLedgerDocument From(SummaryLedgerEntry entry) => new()
    {
        TargetKey = entry.TargetKey,
        Week = entry.Week,
        State = entry.State,
        Nonce = entry.Nonce,
        DecidedAt = MongoTime.ToBson(entry.DecidedAt),
        CompletedAt = MongoTime.ToBson(entry.CompletedAt),
        Detail = entry.Detail,
    };

    public SummaryLedgerEntry ToEntry() => new(TargetKey, Week, State, Nonce, MongoTime.FromBson(DecidedAt))
    {
        CompletedAt = MongoTime.FromBson(CompletedAt),
        Detail = Detail,
    };
}

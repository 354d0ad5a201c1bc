using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// What an unordered <c>InsertMany</c> did, by position in the batch: the documents rejected by a unique index,
/// those not stored for any other reason, and that other failure (null when there was none).
/// </summary>
internal sealed record InsertManyOutcome(IReadOnlySet<int> Duplicates, IReadOnlySet<int> NotStored, Exception? Failure)
{
    public static InsertManyOutcome AllStored { get; } = new(new HashSet<int>(), new HashSet<int>(), null);

    /// <summary>True when the document at <paramref name="index"/> is in the collection now.</summary>
    public bool Stored(int index) => !Duplicates.Contains(index) && !NotStored.Contains(index);

    /// <summary>
    /// Reads the bulk result: an unordered insert applies every request that has no write error and was not left
    /// unprocessed. A write-concern error leaves the writes applied (only their replication is unconfirmed), so they
    /// count as stored while the error is still reported.
    /// </summary>
    public static InsertManyOutcome From<TDocument>(MongoBulkWriteException<TDocument> exception, IReadOnlyList<TDocument> documents)
    {
        var duplicates = new HashSet<int>();
        var notStored = new HashSet<int>();
        foreach (var error in exception.WriteErrors)
        {
            (error.Category == ServerErrorCategory.DuplicateKey ? duplicates : notStored).Add(error.Index);
        }

        if (exception.UnprocessedRequests.Count > 0)
        {
            var positions = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < documents.Count; i++)
            {
                positions[documents[i]!] = i;
            }

            foreach (var request in exception.UnprocessedRequests.OfType<InsertOneModel<TDocument>>())
            {
                notStored.Add(positions[request.Document!]);
            }
        }

        var failed = notStored.Count > 0 || exception.WriteConcernError is not null;
        return new InsertManyOutcome(duplicates, notStored, failed ? exception : null);
    }
}

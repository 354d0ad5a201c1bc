using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary><see cref="ISpotifyPauseStore"/> on the <c>spotify_pause</c> collection: one document, replaced with upsert.</summary>
public sealed class MongoSpotifyPauseStore(MongoCollections collections) : ISpotifyPauseStore
{
    private static readonly FilterDefinition<SpotifyPauseDocument> App = Builders<SpotifyPauseDocument>.Filter.Eq(d => d.Id, SpotifyPauseDocument.AppId);

    public async Task<SpotifyPause?> GetAsync(CancellationToken cancellationToken)
    {
        var document = await collections.SpotifyPause.Find(App).FirstOrDefaultAsync(cancellationToken);
        return document is null
            ? null
            : new SpotifyPause(MongoTime.FromBson(document.Since), MongoTime.FromBson(document.RequestsUntil), MongoTime.FromBson(document.PollingUntil), MongoTime.FromBson(document.UsersToldAt));
    }

    public async Task SaveAsync(SpotifyPause pause, CancellationToken cancellationToken)
    {
        var document = new SpotifyPauseDocument
        {
            Since = MongoTime.ToBson(pause.Since),
            RequestsUntil = MongoTime.ToBson(pause.RequestsUntil),
            PollingUntil = MongoTime.ToBson(pause.PollingUntil),
            UsersToldAt = MongoTime.ToBson(pause.UsersToldAt),
        };
        await collections.SpotifyPause.ReplaceOneAsync(App, document, new ReplaceOptions { IsUpsert = true }, cancellationToken);
    }
}

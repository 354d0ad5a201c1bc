using MongoDB.Bson;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>A subscribed chat identity in the <c>weekly_subscriptions</c> collection, unique on (<c>platform</c>, <c>chatUserId</c>).</summary>
public sealed class WeeklySubscriptionDocument
{
    public ObjectId Id { get; set; }

    public string Platform { get; set; } = string.Empty;

    public string ChatUserId { get; set; } = string.Empty;
}

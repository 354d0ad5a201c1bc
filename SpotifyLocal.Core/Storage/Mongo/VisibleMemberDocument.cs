using MongoDB.Bson;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>A <see cref="VisibleMember"/> in the <c>visible_members</c> collection, unique on (<c>serverId</c>, <c>chatUserId</c>).</summary>
public sealed class VisibleMemberDocument
{
    public ObjectId Id { get; set; }

    public string ServerId { get; set; } = string.Empty;

    public string ChatUserId { get; set; } = string.Empty;

    public string? DisplayName { get; set; }

    public DateTime Since { get; set; }

    public VisibleMember ToMember() => new(ServerId, ChatUserId, DisplayName, MongoTime.FromBson(Since));
}

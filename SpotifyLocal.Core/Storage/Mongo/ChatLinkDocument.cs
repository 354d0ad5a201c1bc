using MongoDB.Bson;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// One row of the <c>chat_links</c> collection: the chat identity (<c>platform</c>, <c>chatUserId</c>),
/// unique, pointing at <c>userId</c> (a Spotify id or a local id).
/// </summary>
public sealed class ChatLinkDocument
{
    public ObjectId Id { get; set; }

    public string Platform { get; set; } = string.Empty;

    public string ChatUserId { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public ChatIdentity ToIdentity() => new(Platform, ChatUserId);
}

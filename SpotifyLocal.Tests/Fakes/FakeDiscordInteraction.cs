namespace SpotifyLocal.Tests.Fakes;

/// <summary>The fake Discord's memory of one interaction: when it was created, how it was answered, its messages.</summary>
internal sealed class FakeDiscordInteraction(string id, string token, DateTimeOffset createdAt, long attachmentSizeLimit)
{
    public string Id { get; } = id;

    public string Token { get; } = token;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>The interaction's <c>attachment_size_limit</c>: the most bytes its answers may upload.</summary>
    public long AttachmentSizeLimit { get; } = attachmentSizeLimit;

    /// <summary>The callback type of the initial response (4, 5, 6, 7), null until one was accepted.</summary>
    public int? CallbackType { get; set; }

    public FakeDiscordMessage? Original { get; set; }

    public List<FakeDiscordMessage> Followups { get; } = [];
}

namespace SpotifyLocal.Core.Accounts;

/// <summary>A button on a <see cref="ChatNotice"/> that runs <see cref="CommandText"/> (e.g. <c>/link approve …</c>).</summary>
public sealed record NoticeCommand(string Label, string CommandText);

namespace SpotifyLocal.Core.Import;

/// <summary>
/// An import that cannot go on because of its input (not a Spotify export, damaged, too large, …) or because
/// another import is running. <see cref="Exception.Message"/> is written for the user and safe to show in chat:
/// control characters from the names it quotes are replaced (<see cref="UserText.Printable"/>).
/// </summary>
public sealed class ImportRejectedException : UserFacingException
{
    public ImportRejectedException(string message)
        : base(UserText.Printable(message), null)
    {
    }

    public ImportRejectedException(string message, Exception innerException)
        : base(UserText.Printable(message), innerException)
    {
    }
}

namespace SpotifyLocal.Bot.Commands;

/// <summary>The step a <see cref="LinkCommand"/> asks for.</summary>
public enum LinkAction
{
    Start = 0,
    Continue = 1,
    Confirm = 2,
    Cancel = 3,
    Approve = 4,
    Refuse = 5,
}

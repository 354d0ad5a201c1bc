namespace SpotifyLocal.Core;

/// <summary>
/// An error a user can cause or fix (bad period, rejected file, unknown time zone…). Its message is short,
/// human and safe to show in chat; the chat layer renders it as a reply instead of a stack trace.
/// </summary>
public class UserFacingException(string message, Exception? innerException = null) : Exception(message, innerException);

namespace SpotifyLocal.Core.Summaries;

/// <summary>The platform refused a summary for good (channel deleted, permission missing, bot blocked): stop posting there.</summary>
public sealed class SummaryDestinationGoneException(string reason, Exception? innerException = null) : Exception(reason, innerException);

namespace SpotifyLocal.Core.Import;

/// <summary>One history file of an upload: its name, kind and a way to read it (again) as a stream.</summary>
internal sealed record ExportFile(string Name, ExportFileKind Kind, Func<Stream> Open);

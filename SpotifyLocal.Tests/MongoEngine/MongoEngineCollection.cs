namespace SpotifyLocal.Tests.MongoEngine;

/// <summary>
/// The tests that run on the mingo engine, run on their own after the parallel ones: each keeps a Node process busy,
/// and on a 2-core machine that load starves tests that detect a blocked operation by a short wait (Interleavings).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MongoEngineCollection
{
    public const string Name = "MongoDB engine";
}

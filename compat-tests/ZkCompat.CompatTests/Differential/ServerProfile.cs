namespace ZkCompat.CompatTests.Differential;

/// <summary>Which server pair a scenario runs on.</summary>
internal enum ServerProfile
{
    /// <summary>The default zoo.cfg of the compat tests; one server per implementation for many scenarios.</summary>
    Shared,

    /// <summary>
    /// Shared too, with extendedTypesEnabled (TTL nodes), a super digest, every four-letter word
    /// whitelisted, quotas enforced, and the container manager checking every 100 ms.
    /// </summary>
    Extended,

    /// <summary>
    /// A new server pair, configured as Extended, for this scenario alone: for results that depend on
    /// the whole tree or on every connection of the server (4lw client lists and watch dumps).
    /// </summary>
    Fresh,
}

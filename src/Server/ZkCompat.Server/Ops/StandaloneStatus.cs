namespace ZkCompat.Server.Ops;

/// <summary>A standalone server: no ensemble, so no quorum keys in mntr.</summary>
internal sealed class StandaloneStatus : IQuorumStatus
{
    public static StandaloneStatus Instance { get; } = new();

    public string Role => "standalone";
}

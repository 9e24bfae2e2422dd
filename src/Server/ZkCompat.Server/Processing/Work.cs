using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;

namespace ZkCompat.Server.Processing;

/// <summary>Something for the apply loop to do. Connections and timers post these; only the loop handles them.</summary>
internal abstract record Work;

internal sealed record ConnectWork(IClientChannel Channel, ConnectRequest Request, bool HasReadOnlyByte) : Work;

/// <summary>A decoded request; <paramref name="Malformed"/> when its record could not be read.</summary>
internal sealed record RequestWork(IClientChannel Channel, int Xid, OpCode Op, IJuteWritable? Body, bool Malformed) : Work
{
    public ClientRequest Request => new(Channel, Xid, Op, Body, Malformed);
}

internal sealed record DisconnectWork(IClientChannel Channel) : Work;

internal sealed record TickWork : Work;

/// <summary>Runs <paramref name="Inspect"/> on the loop, where the engine's state may be read (4lw, admin, metrics).</summary>
internal sealed record InspectWork(Action<Engine> Inspect) : Work;

/// <summary>Time for the container manager to look for empty containers and expired TTL nodes (§7.4).</summary>
internal sealed record ContainerCheckWork : Work;

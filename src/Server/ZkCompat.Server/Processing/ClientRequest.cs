using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Server.Net;

namespace ZkCompat.Server.Processing;

/// <summary>
/// A decoded client request as connections post it (<see cref="Engine.Post(in ClientRequest)"/>): a
/// value in the loop's inbox, so a request costs no object on its way. <paramref name="Malformed"/>
/// when its record could not be read.
/// </summary>
internal readonly record struct ClientRequest(IClientChannel Channel, int Xid, OpCode Op, IJuteWritable? Body, bool Malformed);

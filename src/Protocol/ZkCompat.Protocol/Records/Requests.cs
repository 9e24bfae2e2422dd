using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>Which record follows the RequestHeader, and which follows the ReplyHeader, for each opcode (§3.3).</summary>
public static class Requests
{
    /// <summary>Reads the request body of <paramref name="op"/>; null for ops without one. Unknown ops return false.</summary>
    public static bool TryReadRequest(OpCode op, ref JuteReader reader, out IJuteWritable? request)
    {
        request = op switch
        {
            OpCode.Create or OpCode.Create2 or OpCode.CreateContainer => CreateRequest.Read(ref reader),
            OpCode.CreateTtl => CreateTtlRequest.Read(ref reader),
            OpCode.Delete => DeleteRequest.Read(ref reader),
            OpCode.Exists or OpCode.GetData or OpCode.GetChildren or OpCode.GetChildren2 => PathWatchRequest.Read(ref reader),
            OpCode.SetData => SetDataRequest.Read(ref reader),
            OpCode.GetAcl or OpCode.Sync or OpCode.GetEphemerals or OpCode.GetAllChildrenNumber => PathRequest.Read(ref reader),
            OpCode.SetAcl => SetAclRequest.Read(ref reader),
            OpCode.Check => CheckVersionRequest.Read(ref reader),
            OpCode.Multi or OpCode.MultiRead => MultiRequest.Read(ref reader),
            OpCode.Reconfig => ReconfigRequest.Read(ref reader),
            OpCode.CheckWatches or OpCode.RemoveWatches => WatchesRequest.Read(ref reader),
            OpCode.Auth => AuthPacket.Read(ref reader),
            OpCode.SetWatches => SetWatches.Read(ref reader),
            OpCode.SetWatches2 => SetWatches2.Read(ref reader),
            OpCode.Sasl => SaslToken.Read(ref reader),
            OpCode.AddWatch => AddWatchRequest.Read(ref reader),
            OpCode.Ping or OpCode.WhoAmI or OpCode.CloseSession => null,
            _ => s_unknown,
        };
        if (ReferenceEquals(request, s_unknown))
        {
            request = null;
            return false;
        }

        return true;
    }

    /// <summary>Reads the success body of a reply to <paramref name="op"/>; null for header-only replies.</summary>
    public static IJuteWritable? ReadResponse(OpCode op, ref JuteReader reader) => op switch
    {
        OpCode.Create or OpCode.Sync => PathResponse.Read(ref reader),
        OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => Create2Response.Read(ref reader),
        OpCode.Exists or OpCode.SetData or OpCode.SetAcl => StatResponse.Read(ref reader),
        OpCode.GetData or OpCode.Reconfig => GetDataResponse.Read(ref reader),
        OpCode.GetAcl => GetAclResponse.Read(ref reader),
        OpCode.GetChildren => GetChildrenResponse.Read(ref reader),
        OpCode.GetChildren2 => GetChildren2Response.Read(ref reader),
        OpCode.Multi or OpCode.MultiRead => MultiResponse.Read(ref reader),
        OpCode.Sasl => SaslToken.Read(ref reader),
        OpCode.GetEphemerals => PathListResponse.Read(ref reader),
        OpCode.GetAllChildrenNumber => CountResponse.Read(ref reader),
        OpCode.AddWatch => ErrorResponse.Read(ref reader),
        OpCode.WhoAmI => WhoAmIResponse.Read(ref reader),
        _ => null,
    };

    private static readonly IJuteWritable s_unknown = new ErrorResponse(ErrorCode.Unimplemented);
}

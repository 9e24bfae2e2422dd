using ZkCompat.Protocol.Codes;

namespace ZkCompat.Server.Ops;

/// <summary>The four-character operation names Java shows as a connection's last op (lop= in cons).</summary>
internal static class OpNames
{
    public static string Of(OpCode op) => op switch
    {
        OpCode.Ping => "PING",
        OpCode.CreateSession => "SESS",
        OpCode.CloseSession => "CLOS",
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => "CREA",
        OpCode.Delete or OpCode.DeleteContainer => "DELE",
        OpCode.Exists => "EXIS",
        OpCode.GetData => "GETD",
        OpCode.SetData => "SETD",
        OpCode.GetAcl => "GETA",
        OpCode.SetAcl => "SETA",
        OpCode.GetChildren or OpCode.GetChildren2 or OpCode.GetAllChildrenNumber => "GETC",
        OpCode.GetEphemerals => "GETE",
        OpCode.Sync => "SYNC",
        OpCode.Check => "CHEC",
        OpCode.Multi => "MULT",
        OpCode.MultiRead => "MLTR",
        OpCode.Reconfig => "RECO",
        OpCode.CheckWatches => "CHKW",
        OpCode.RemoveWatches => "REMW",
        OpCode.SetWatches => "SETW",
        OpCode.SetWatches2 => "STW2",
        OpCode.AddWatch => "ADDW",
        OpCode.WhoAmI => "HOMI",
        _ => "NA",
    };
}

using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>The remaining opcodes and odd requests: ping, reconfig, sasl, unknown and server-only ops (PROTOCOL.md §3.3).</summary>
internal static class OpScenarios
{
    public static IEnumerable<Scenario> All()
    {
        yield return S("op/ping").Begin().Ping("a").Request("a", OpCode.Ping, null, xid: 77).Build();
        yield return S("op/reconfig-disabled-consumes-zxid").Begin().Reconfig("a", "server.9=127.0.0.1:1:2:participant", null, ErrorCode.ReconfigDisabled)
            .Ping("a").Create("a", "~/x").Build();
        yield return S("op/sasl-without-provider").Begin().Request("a", OpCode.Sasl, new SaslToken([1, 2, 3]), expect: null).Ping("a").Build();
        yield return S("op/unknown-opcode-closes").Begin().Request("a", (OpCode)99, null, ErrorCode.Unimplemented).ExpectClosed("a").Build();
        yield return S("op/notification-opcode-closes").Begin().Request("a", OpCode.Notification, null, ErrorCode.Unimplemented)
            .ExpectClosed("a").Build();
        yield return S("op/opcode-10-closes").Begin().Request("a", (OpCode)10, null, ErrorCode.Unimplemented).ExpectClosed("a").Build();
        yield return S("op/client-create-session").Begin().Request("a", OpCode.CreateSession, null, ErrorCode.MarshallingError).Ping("a").Build();
        yield return S("op/client-delete-container").Begin().CreateContainer("a", "~/c")
            .Raw("a", OpCode.DeleteContainer, System.Text.Encoding.UTF8.GetBytes("/dt-op-client-delete-container/c"), "path bytes", null)
            .Exists("a", "~/c", expect: null).Build();
        yield return S("op/get-ephemerals-null-prefix").Begin().Create("a", "~/e", flags: 1).GetEphemerals("a", null).Build();
        yield return S("op/create-container-then-child").Begin().CreateContainer("a", "~/c", "d").Create("a", "~/c/x").GetChildren2("a", "~/c")
            .Delete("a", "~/c/x").Exists("a", "~/c").Delete("a", "~/c").Build(); // an emptied container would be reaped in a later scenario
        yield return S("op/check-watches-after-fire").Begin().Create("a", "~/x").GetData("a", "~/x", watch: true).SetData("a", "~/x", "1")
            .CheckWatches("a", "~/x", 2, ErrorCode.NoWatcher).Build();
        yield return S("op/add-watch-bad-mode").Begin().AddWatch("a", "~", 2, ErrorCode.MarshallingError).Ping("a").Build();
        yield return S("op/setwatches-normal-xid").Begin().Create("a", "~/x")
            .Request("a", OpCode.SetWatches, new SetWatches(Protocol.Ids.Zxid.Zero, [], [], []), xid: 5).Build();
        yield return S("op/malformed-multi").Begin().Raw("a", OpCode.Multi, [0, 0, 0, 1, 0, 0xff], "truncated multi header", ErrorCode.MarshallingError)
            .Ping("a").Create("a", "~/x").Build();
        yield return S("op/xid-not-validated").Begin().Request("a", OpCode.Exists, new PathWatchRequest("/", false), xid: 1000)
            .Request("a", OpCode.Exists, new PathWatchRequest("/", false), xid: -77).Request("a", OpCode.Exists, new PathWatchRequest("/", false), xid: 1)
            .Build();
    }

    private static ScenarioBuilder S(string name) => new(name);
}

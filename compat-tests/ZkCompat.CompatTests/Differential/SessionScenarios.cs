using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// closeSession, expiry (by takeover and closeSession, and by time), and reconnecting with
/// setWatches, whose catch-up events depend on what changed meanwhile (PROTOCOL.md §2.5, §5.4).
/// </summary>
internal static class SessionScenarios
{
    private const EventType Created = EventType.NodeCreated;
    private const EventType Deleted = EventType.NodeDeleted;
    private const EventType Changed = EventType.NodeDataChanged;
    private const EventType Children = EventType.NodeChildrenChanged;

    public static IEnumerable<Scenario> All()
    {
        yield return S("session/close-reply-then-closed").Begin().Close("a").Build();
        yield return S("session/close-deletes-ephemerals").Begin().Connect("b").Create("b", "~/e1", flags: 1).Create("b", "~/e2", flags: 3)
            .Close("b").GetChildren2("a", "~").Build();
        yield return S("session/close-by-takeover-connection").Begin().Create("a", "~/e", flags: 1).Connect("a2", new ConnectSpec { SessionOf = "a" })
            .ExpectClosed("a").Close("a2").Connect("b").Exists("b", "~/e", expect: ErrorCode.NoNode).Build();
        yield return S("session/expire-deletes-ephemerals-and-fires").Begin().Connect("b").Create("b", "~/e", flags: 1)
            .Exists("a", "~/e", watch: true).GetChildren("a", "~", watch: true).Expire("b").ExpectClosed("b")
            .WaitEvent("a", Deleted, "~/e").WaitEvent("a", Children, "~").GetChildren2("a", "~").Build();
        yield return S("session/expired-reconnect-gets-zeros").Begin().Connect("b").Expire("b")
            .Reconnect("b", new ConnectSpec { Expect = ConnectOutcome.Expired }).Build();
        yield return S("session/expired-reconnect-old-client").Begin().Connect("b").Expire("b")
            .Reconnect("b", new ConnectSpec { OldClient = true, Expect = ConnectOutcome.Expired }).Build();
        yield return S("session/timeout-expiry").Begin().Connect("b", new ConnectSpec { TimeoutMs = 2000 }).Create("b", "~/e", flags: 1)
            .Exists("a", "~/e", watch: true).Drop("b").WaitEvent("a", Deleted, "~/e", TimeSpan.FromSeconds(20))
            .Reconnect("b", new ConnectSpec { Expect = ConnectOutcome.Expired }).Build();
        yield return S("session/ping-keeps-zxid").Begin().Ping("a").Create("a", "~/x").Ping("a").Connect("b").Ping("a").Build();

        yield return S("session/setwatches-data-changed").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true).Drop("b")
            .SetData("a", "~/x", "1").Reconnect("b").SetWatches("b", data: ["~/x"]).SetData("a", "~/x", "2").NoEvent("b").Build();
        yield return S("session/setwatches-data-deleted").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true).Drop("b")
            .Delete("a", "~/x").Reconnect("b").SetWatches("b", data: ["~/x"]).Build();
        yield return S("session/setwatches-data-unchanged-rearms").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true).Drop("b")
            .Reconnect("b").SetWatches("b", data: ["~/x"]).NoEvent("b").SetData("a", "~/x", "1").WaitEvent("b", Changed, "~/x").Build();
        yield return S("session/setwatches-exist-created").Begin().Connect("b").Exists("b", "~/x", watch: true, expect: ErrorCode.NoNode).Drop("b")
            .Create("a", "~/x").Reconnect("b").SetWatches("b", exist: ["~/x"]).Build();
        yield return S("session/setwatches-exist-still-missing-rearms").Begin().Connect("b").Drop("b").Reconnect("b")
            .SetWatches("b", exist: ["~/x"]).Create("a", "~/x").WaitEvent("b", Created, "~/x").Build();
        yield return S("session/setwatches-child-changed").Begin().Connect("b").GetChildren("b", "~", watch: true).Drop("b")
            .Create("a", "~/c").Reconnect("b").SetWatches("b", child: ["~"]).Build();
        yield return S("session/setwatches-child-deleted-node").Begin().Create("a", "~/p").Connect("b").GetChildren("b", "~/p", watch: true)
            .Drop("b").Delete("a", "~/p").Reconnect("b").SetWatches("b", child: ["~/p"]).Build();
        yield return S("session/setwatches-child-data-change-no-event").Begin().Create("a", "~/p").Connect("b").GetChildren("b", "~/p", watch: true)
            .Drop("b").SetData("a", "~/p", "d").Reconnect("b").SetWatches("b", child: ["~/p"]).NoEvent("b").Create("a", "~/p/c")
            .WaitEvent("b", Children, "~/p").Build();
        yield return S("session/setwatches-all-lists-at-once").Begin().Create("a", "~/d1").Create("a", "~/d2").Create("a", "~/p").Connect("b")
            .Ping("b").Drop("b").SetData("a", "~/d1", "x").Delete("a", "~/d2").Create("a", "~/e1").Create("a", "~/p/c").Reconnect("b")
            .SetWatches("b", data: ["~/d1", "~/d2"], exist: ["~/e1", "~/e2"], child: ["~/p", "~"]).Build();
        yield return S("session/setwatches-relative-zxid-zero").Begin().Create("a", "~/x").Connect("b")
            .Request("b", OpCode.SetWatches, new Protocol.Records.SetWatches(Protocol.Ids.Zxid.Zero, [$"{Root("session/setwatches-relative-zxid-zero")}/x"], [], []), xid: -8)
            .Build();
        yield return S("session/setwatches-null-lists").Begin().Create("a", "~/x")
            .Request("a", OpCode.SetWatches, new Protocol.Records.SetWatches(Protocol.Ids.Zxid.Zero, null, null, null), expect: null, xid: -8)
            .Ping("a").Build();
        yield return S("session/setwatches2-plain-lists").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true).Drop("b")
            .SetData("a", "~/x", "1").Reconnect("b").SetWatches2("b", data: ["~/x"], child: ["~"]).Create("a", "~/y")
            .WaitEvent("b", Children, "~").Build();
        yield return S("session/setwatches-on-fresh-session").Begin().Create("a", "~/x").Connect("b").Exists("b", "~/x").SetWatches("b", data: ["~/x"])
            .SetData("a", "~/x", "1").WaitEvent("b", Changed, "~/x").Build();
        yield return S("session/takeover-keeps-ephemerals-drops-watches").Begin().Create("a", "~/e", flags: 1).GetData("a", "~/e", watch: true)
            .Connect("a2", new ConnectSpec { SessionOf = "a" }).ExpectClosed("a").SetData("a2", "~/e", "1").NoEvent("a2")
            .GetEphemerals("a2", "/").Build();
        yield return S("session/two-sessions-independent").Begin().Connect("b").Create("b", "~/e", flags: 1).Close("a")
            .Exists("b", "~/e").Build();
    }

    private static string Root(string name) => new ScenarioBuilder(name).Root;

    private static ScenarioBuilder S(string name) => new(name);
}

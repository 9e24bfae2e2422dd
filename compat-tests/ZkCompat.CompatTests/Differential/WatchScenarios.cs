using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>One-shot watches: what registers them, what fires them, deduplication and order across sessions (PROTOCOL.md §5).</summary>
internal static class WatchScenarios
{
    private const EventType Created = EventType.NodeCreated;
    private const EventType Deleted = EventType.NodeDeleted;
    private const EventType Changed = EventType.NodeDataChanged;
    private const EventType Children = EventType.NodeChildrenChanged;

    public static IEnumerable<Scenario> All()
    {
        yield return S("watch/data-fires-once").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .SetData("a", "~/x", "1").WaitEvent("b", Changed, "~/x").SetData("a", "~/x", "2").NoEvent("b").Build();
        yield return S("watch/exists-on-missing-fires-created").Begin().Connect("b").Exists("b", "~/x", watch: true, expect: ErrorCode.NoNode)
            .Create("a", "~/x").WaitEvent("b", Created, "~/x").Build();
        yield return S("watch/exists-on-existing-fires-changed").Begin().Create("a", "~/x").Connect("b").Exists("b", "~/x", watch: true)
            .SetData("a", "~/x", "v").WaitEvent("b", Changed, "~/x").Build();
        yield return S("watch/getdata-on-missing-sets-none").Begin().Connect("b").GetData("b", "~/x", watch: true, expect: ErrorCode.NoNode)
            .Create("a", "~/x").NoEvent("b").Build();
        yield return S("watch/getchildren-on-missing-sets-none").Begin().Connect("b").GetChildren("b", "~/x", watch: true, expect: ErrorCode.NoNode)
            .Create("a", "~/x").Create("a", "~/x/c").NoEvent("b").Build();
        yield return S("watch/child-create").Begin().Connect("b").GetChildren("b", "~", watch: true).Create("a", "~/x")
            .WaitEvent("b", Children, "~").Build();
        yield return S("watch/child-delete").Begin().Create("a", "~/x").Connect("b").GetChildren2("b", "~", watch: true).Delete("a", "~/x")
            .WaitEvent("b", Children, "~").Build();
        yield return S("watch/child-not-fired-by-grandchild-or-data").Begin().Create("a", "~/x").Connect("b").GetChildren("b", "~", watch: true)
            .Create("a", "~/x/y").SetData("a", "~/x", "d").SetData("a", "~", "d").NoEvent("b").Build();
        yield return S("watch/delete-fires-deleted-once-for-data-and-child").Begin().Create("a", "~/x").Connect("b")
            .GetData("b", "~/x", watch: true).GetChildren("b", "~/x", watch: true).Exists("b", "~/x", watch: true).Delete("a", "~/x")
            .WaitEvent("b", Deleted, "~/x").NoEvent("b").Build();
        yield return S("watch/delete-then-parent-children-changed").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .GetChildren("b", "~", watch: true).Delete("a", "~/x").WaitEvent("b", Deleted, "~/x").WaitEvent("b", Children, "~").Build();
        yield return S("watch/create-then-parent-children-changed").Begin().Connect("b").Exists("b", "~/x", watch: true, expect: ErrorCode.NoNode)
            .GetChildren("b", "~", watch: true).Create("a", "~/x").WaitEvent("b", Created, "~/x").WaitEvent("b", Children, "~").Build();
        yield return S("watch/own-event-before-own-reply").Begin().Create("a", "~/x").GetData("a", "~/x", watch: true).SetData("a", "~/x", "1")
            .GetChildren("a", "~", watch: true).Create("a", "~/y").Build();
        yield return S("watch/three-sessions-same-path").Begin().Create("a", "~/x").Connect("b").Connect("c").Connect("d")
            .GetData("b", "~/x", watch: true).Exists("c", "~/x", watch: true).GetData("d", "~/x", watch: true).SetData("a", "~/x", "v")
            .WaitEvent("b", Changed, "~/x").WaitEvent("c", Changed, "~/x").WaitEvent("d", Changed, "~/x").Build();
        yield return S("watch/order-across-paths-one-session").Begin().Create("a", "~/x").Create("a", "~/y").Connect("b")
            .GetData("b", "~/x", watch: true).GetData("b", "~/y", watch: true).GetChildren("b", "~", watch: true)
            .SetData("a", "~/y", "1").SetData("a", "~/x", "1").Create("a", "~/z").Ping("b").Build();
        yield return S("watch/event-before-later-reply").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .SetData("a", "~/x", "1").GetData("b", "~/x").Build();
        yield return S("watch/rearm-after-fire").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .SetData("a", "~/x", "1").WaitEvent("b", Changed, "~/x").GetData("b", "~/x", watch: true).SetData("a", "~/x", "2")
            .WaitEvent("b", Changed, "~/x").Build();
        yield return S("watch/same-watch-twice-one-event").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .GetData("b", "~/x", watch: true).Exists("b", "~/x", watch: true).SetData("a", "~/x", "1").WaitEvent("b", Changed, "~/x")
            .NoEvent("b").Build();
        yield return S("watch/ephemeral-cleanup-fires").Begin().Connect("b").Create("b", "~/e", flags: 1).GetData("a", "~/e", watch: true)
            .GetChildren("a", "~", watch: true).Close("b").WaitEvent("a", Deleted, "~/e").WaitEvent("a", Children, "~").Build();
        yield return S("watch/watches-are-per-connection").Begin().Create("a", "~/x").GetData("a", "~/x", watch: true).Drop("a")
            .Connect("b").SetData("b", "~/x", "1").Reconnect("a").NoEvent("a").Build();
        yield return S("watch/root-children-changed").Begin().Connect("b").GetChildren("b", "/", watch: true).Create("a", "~/x")
            .NoEvent("b").Delete("a", "~/x").Delete("a", "~").WaitEvent("b", Children, "/").Build();
        yield return S("watch/sync-and-exists-no-watch-flag").Begin().Create("a", "~/x").Connect("b").Exists("b", "~/x").Sync("b", "~/x")
            .SetData("a", "~/x", "1").NoEvent("b").Build();
        yield return S("watch/sequential-create-fires-parent").Begin().Connect("b").GetChildren("b", "~", watch: true)
            .Create("a", "~/s-", flags: 2).WaitEvent("b", Children, "~").Build();

        yield return S("watch/check-watches").Begin().Create("a", "~/x").GetData("a", "~/x", watch: true).GetChildren("a", "~", watch: true)
            .CheckWatches("a", "~/x", 2).CheckWatches("a", "~/x", 3).CheckWatches("a", "~/x", 1, ErrorCode.NoWatcher)
            .CheckWatches("a", "~", 1).CheckWatches("a", "~", 2, ErrorCode.NoWatcher).CheckWatches("a", "~/none", 3, ErrorCode.NoWatcher).Build();
        yield return S("watch/check-watches-invalid-type").Begin().GetData("a", "~", watch: true).CheckWatches("a", "~", 7, ErrorCode.MarshallingError)
            .Ping("a").Build();
        yield return S("watch/remove-data-watch").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .RemoveWatches("b", "~/x", 2).SetData("a", "~/x", "1").NoEvent("b").RemoveWatches("b", "~/x", 2, ErrorCode.NoWatcher).Build();
        yield return S("watch/remove-child-watch-keeps-data-watch").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .GetChildren("b", "~/x", watch: true).RemoveWatches("b", "~/x", 1).Create("a", "~/x/c").SetData("a", "~/x", "1")
            .WaitEvent("b", Changed, "~/x").Build();
        yield return S("watch/remove-any").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .GetChildren("b", "~/x", watch: true).RemoveWatches("b", "~/x", 3).Delete("a", "~/x").NoEvent("b").Build();
        yield return S("watch/remove-other-sessions-untouched").Begin().Create("a", "~/x").Connect("b").GetData("a", "~/x", watch: true)
            .GetData("b", "~/x", watch: true).RemoveWatches("b", "~/x", 2).SetData("b", "~/x", "1").WaitEvent("a", Changed, "~/x").Build();
        yield return S("watch/remove-exists-watch-on-missing").Begin().Exists("a", "~/x", watch: true, expect: ErrorCode.NoNode)
            .RemoveWatches("a", "~/x", 2).Create("a", "~/x").Build();
    }

    private static ScenarioBuilder S(string name) => new(name);
}

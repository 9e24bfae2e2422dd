using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>Reads: exists, getData, getChildren(2), sync, getEphemerals, getAllChildrenNumber, built-in nodes (PROTOCOL.md §3.3, §7.1).</summary>
internal static class ReadScenarios
{
    public static IEnumerable<Scenario> All()
    {
        yield return S("read/exists").Begin().Create("a", "~/x", "d").Exists("a", "~/x").Exists("a", "~/none", expect: ErrorCode.NoNode).Build();
        yield return S("read/get-children-sorted-for-comparison").Begin().Create("a", "~/b").Create("a", "~/a").Create("a", "~/c")
            .GetChildren("a", "~").GetChildren2("a", "~").GetChildren("a", "~/a").Build();
        yield return S("read/get-missing").Begin().GetData("a", "~/none", expect: ErrorCode.NoNode)
            .GetChildren("a", "~/none", expect: ErrorCode.NoNode).GetChildren2("a", "~/none", expect: ErrorCode.NoNode).Build();
        yield return S("read/paths-not-validated").Begin().GetData("a", "a", expect: ErrorCode.NoNode).GetChildren("a", "~//", expect: ErrorCode.NoNode)
            .Exists("a", "~/x/", expect: ErrorCode.NoNode).GetAcl("a", "bad", ErrorCode.NoNode).Build();
        yield return S("read/exists-nul-is-bad-arguments").Begin().Exists("a", "~/a\0b", expect: ErrorCode.BadArguments).Build();
        yield return S("read/get-data-no-read-permission").Begin().Create("a", "~/x", acl: [AclSet.World(Protocol.Codes.Perms.Write)])
            .GetData("a", "~/x", expect: ErrorCode.NoAuth).Exists("a", "~/x").Build();
        yield return S("read/sync-echoes-path").Begin().Sync("a", "~").Sync("a", "~/none").Sync("a", "/").Build();
        yield return S("read/sync-path-not-validated").Begin().Sync("a", "bad").Sync("a", "~//x").Build();
        yield return S("read/get-ephemerals-own-only").Begin().Create("a", "~/a1", flags: 1).Create("a", "~/a2", flags: 3)
            .Connect("b").Create("b", "~/b1", flags: 1).GetEphemerals("a", "~").GetEphemerals("b", "~").Build();
        yield return S("read/get-ephemerals-prefixes").Begin().Create("a", "~/x1", flags: 1).Create("a", "~/y1", flags: 1)
            .GetEphemerals("a", "~/x").GetEphemerals("a", "~/z").GetEphemerals("a", "/").GetEphemerals("a", null)
            .Request("a", OpCode.GetEphemerals, new Protocol.Records.PathRequest(""))
            .Request("a", OpCode.GetEphemerals, new Protocol.Records.PathRequest("   ")).Build();
        yield return S("read/get-all-children-number").Begin().Create("a", "~/x").Create("a", "~/x/y").Create("a", "~/x/y/z").Create("a", "~/w")
            .CountAll("a", "~").CountAll("a", "~/x").CountAll("a", "~/w").CountAll("a", "~/none", ErrorCode.NoNode).Build();
        yield return S("read/builtin-zookeeper").Begin().GetData("a", "/zookeeper").GetChildren2("a", "/zookeeper").GetData("a", "/zookeeper/quota")
            .GetChildren2("a", "/zookeeper/quota").Build();
        yield return S("read/builtin-zookeeper-config").Begin().GetData("a", "/zookeeper/config").GetChildren2("a", "/zookeeper/config").Build();
        yield return S("read/root-stat").Begin().Exists("a", "/").GetData("a", "/").Build();
        yield return S("read/fresh-root-children", ServerProfile.Fresh).Begin().GetChildren("a", "/").CountAll("a", "/").CountAll("a", "/zookeeper")
            .GetChildren2("a", "/").Build();
        yield return S("read/fresh-root-after-delete", ServerProfile.Fresh).Begin().Create("a", "~/x").Delete("a", "~/x").Delete("a", "~")
            .GetChildren2("a", "/").CountAll("a", "/").Build();
        yield return S("read/ephemeral-has-no-children").Begin().Create("a", "~/e", flags: 1).GetChildren2("a", "~/e").CountAll("a", "~/e").Build();
        yield return S("read/large-child-list").Begin().Pipeline("a", p =>
            {
                for (var i = 0; i < 200; i++)
                    p.Create("a", $"~/child-{i:D4}");
            }).GetChildren2("a", "~").CountAll("a", "~").Build();
    }

    private static ScenarioBuilder S(string name, ServerProfile profile = ServerProfile.Shared) => new(name, profile);
}

using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>setData, versions and its error paths (PROTOCOL.md §3.7).</summary>
internal static class SetDataScenarios
{
    public static IEnumerable<Scenario> All()
    {
        yield return S("setdata/basic").Begin().Create("a", "~/x", "1").SetData("a", "~/x", "2").GetData("a", "~/x").Build();
        yield return S("setdata/versions-increment").Begin().Create("a", "~/x").SetData("a", "~/x", "a", 0).SetData("a", "~/x", "b", 1)
            .SetData("a", "~/x", "c").Exists("a", "~/x").Build();
        yield return S("setdata/null-then-empty").Begin().Create("a", "~/x", "v").SetData("a", "~/x", null).GetData("a", "~/x")
            .SetData("a", "~/x", "").GetData("a", "~/x").Build();
        yield return S("setdata/err-bad-version").Begin().Create("a", "~/x").SetData("a", "~/x", "v", 4, ErrorCode.BadVersion).Build();
        yield return S("setdata/err-node-missing").Begin().SetData("a", "~/none", "v", expect: ErrorCode.NoNode).Build();
        yield return S("setdata/err-invalid-path").Begin().SetData("a", "x", "v", expect: ErrorCode.BadArguments)
            .SetData("a", "~//x", "v", expect: ErrorCode.BadArguments).Build();
        yield return S("setdata/err-zookeeper-config-readonly").Begin().SetData("a", "/zookeeper/config", "x", expect: ErrorCode.NoAuth).Build();
        yield return S("setdata/err-no-write-permission").Begin().Create("a", "~/x", acl: [AclSet.World(Perms.Read)])
            .SetData("a", "~/x", "v", expect: ErrorCode.NoAuth).Build();
        yield return S("setdata/order-noauth-before-badversion").Begin().Create("a", "~/x", acl: [AclSet.World(Perms.Read)])
            .SetData("a", "~/x", "v", 9, ErrorCode.NoAuth).Build();
        yield return S("setdata/order-nonode-before-badversion").Begin().SetData("a", "~/none", "v", 9, ErrorCode.NoNode).Build();
        yield return S("setdata/parent-unchanged-by-child-write").Begin().Create("a", "~/x").Exists("a", "~").SetData("a", "~/x", "r")
            .Exists("a", "~").Build();
        yield return S("setdata/mtime-and-mzxid").Begin().Create("a", "~/x").SetData("a", "~/x", "1").SetData("a", "~/x", "2")
            .Exists("a", "~/x").Create("a", "~/y").Exists("a", "~/x").Build();
    }

    private static ScenarioBuilder S(string name) => new(name);
}

using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>delete and its error paths (PROTOCOL.md §3.7), including which error wins.</summary>
internal static class DeleteScenarios
{
    private static readonly List<Acl> NoDeleteAcl = [AclSet.World(Perms.All & ~Perms.Delete)];

    public static IEnumerable<Scenario> All()
    {
        yield return S("delete/basic").Begin().Create("a", "~/x").Delete("a", "~/x").Exists("a", "~/x", expect: ErrorCode.NoNode)
            .GetChildren2("a", "~").Build();
        yield return S("delete/matching-version").Begin().Create("a", "~/x").SetData("a", "~/x", "1").Delete("a", "~/x", 1).Build();
        yield return S("delete/err-bad-version").Begin().Create("a", "~/x").Delete("a", "~/x", 3, ErrorCode.BadVersion).Exists("a", "~/x").Build();
        yield return S("delete/err-root").Begin().Delete("a", "/", expect: ErrorCode.BadArguments).Build();
        yield return S("delete/err-zookeeper").Begin().Delete("a", "/zookeeper", expect: ErrorCode.BadArguments).Build();
        yield return S("delete/err-zookeeper-quota").Begin().Delete("a", "/zookeeper/quota", expect: ErrorCode.BadArguments).Build();
        yield return S("delete/err-zookeeper-config").Begin().Delete("a", "/zookeeper/config", expect: ErrorCode.BadArguments).Build();
        yield return S("delete/err-invalid-path").Begin().Delete("a", "x", expect: ErrorCode.BadArguments)
            .Delete("a", "~/x/", expect: ErrorCode.NoNode).Build();
        yield return S("delete/err-parent-missing").Begin().Delete("a", "~/none/x", expect: ErrorCode.NoNode).Build();
        yield return S("delete/err-node-missing").Begin().Delete("a", "~/none", expect: ErrorCode.NoNode).Build();
        yield return S("delete/err-not-empty").Begin().Create("a", "~/x").Create("a", "~/x/y").Delete("a", "~/x", expect: ErrorCode.NotEmpty).Build();
        yield return S("delete/err-no-delete-permission").Begin().Create("a", "~/p", acl: NoDeleteAcl).Create("a", "~/p/x")
            .Delete("a", "~/p/x", expect: ErrorCode.NoAuth).Build();
        yield return S("delete/order-noauth-before-nonode").Begin().Create("a", "~/p", acl: NoDeleteAcl)
            .Delete("a", "~/p/none", expect: ErrorCode.NoAuth).Build();
        yield return S("delete/order-badversion-before-notempty").Begin().Create("a", "~/x").Create("a", "~/x/y")
            .Delete("a", "~/x", 5, ErrorCode.BadVersion).Build();
        yield return S("delete/ephemeral-by-other-session").Begin().Create("a", "~/e", flags: 1).Connect("b")
            .Delete("b", "~/e").GetEphemerals("a", "/").Build();
    }

    private static ScenarioBuilder S(string name) => new(name);
}

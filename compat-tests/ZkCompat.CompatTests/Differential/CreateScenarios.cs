using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>create / create2 / createContainer / createTTL and the create error paths of PROTOCOL.md §3.7, in Java's order.</summary>
internal static class CreateScenarios
{
    private static readonly List<Acl> ReadOnlyAcl = [AclSet.World(Perms.Read)];

    public static IEnumerable<Scenario> All()
    {
        yield return S("create/persistent").Begin().Create("a", "~/x", "hello").GetData("a", "~/x").GetChildren2("a", "~").Build();
        yield return S("create/create2-returns-stat").Begin().Create2("a", "~/x", "v").Create2("a", "~/s-", flags: 2).Build();
        yield return S("create/null-and-empty-data").Begin().Create("a", "~/n", null).Create("a", "~/e", "")
            .GetData("a", "~/n").GetData("a", "~/e").Build();
        yield return S("create/ephemeral").Begin().Create("a", "~/e", "x", flags: 1).Exists("a", "~/e").GetEphemerals("a", "~").Build();
        yield return S("create/container").Begin().CreateContainer("a", "~/c").Exists("a", "~/c").GetEphemerals("a", "/").Build();
        yield return S("create/container-flags-not-checked").Begin().CreateContainer("a", "~/c", flags: 0).Exists("a", "~/c").Build();
        yield return S("create/under-zookeeper-allowed").Begin().Create("a", "/zookeeper/dt-create-under", "x")
            .GetChildren("a", "/zookeeper").Delete("a", "/zookeeper/dt-create-under").Build();
        yield return S("create/root-path").Begin().Create("a", "/", expect: ErrorCode.NodeExists).Build();

        // §3.7 create checks, one at a time.
        yield return S("create/err-flags-7").Begin().Create("a", "~/x", flags: 7, expect: ErrorCode.BadArguments).Build();
        yield return S("create/err-flags-negative").Begin().Create("a", "~/x", flags: -1, expect: ErrorCode.BadArguments).Build();
        yield return S("create/err-ttl-flag-on-create").Begin().Create("a", "~/x", flags: 5, expect: ErrorCode.Unimplemented).Build();
        yield return S("create/err-ttl-disabled").Begin().CreateTtl("a", "~/x", 1000, expect: ErrorCode.Unimplemented).Build();
        yield return S("create/err-no-leading-slash").Begin().Create("a", "x", expect: ErrorCode.BadArguments).Build();
        yield return S("create/err-nul-in-path").Begin().Create("a", "~/a\0b", expect: ErrorCode.BadArguments).Build();
        yield return S("create/err-trailing-slash").Begin().Create("a", "~/", expect: ErrorCode.BadArguments).Build();
        yield return S("create/err-empty-segment").Begin().Create("a", "//dt-create-empty-segment", expect: ErrorCode.BadArguments).Build();
        yield return S("create/err-dot-segment").Begin().Create("a", "~/.", expect: ErrorCode.BadArguments).Build();
        yield return S("create/err-dotdot-segment").Begin().Create("a", "~/x").Create("a", "~/x/..", expect: ErrorCode.BadArguments).Build();
        yield return S("create/err-invalid-acl-world-bob").Begin()
            .Create("a", "~/x", acl: [AclSet.Of(Perms.All, "world", "bob")], expect: ErrorCode.InvalidAcl).Build();
        yield return S("create/err-empty-acl").Begin().CreateWithAcl("a", "~/x", [], ErrorCode.InvalidAcl).Build();
        yield return S("create/err-null-acl").Begin().CreateWithAcl("a", "~/x", null, ErrorCode.InvalidAcl).Build();
        yield return S("create/err-unknown-acl-scheme").Begin()
            .Create("a", "~/x", acl: [AclSet.Of(Perms.All, "nosuch", "x")], expect: ErrorCode.InvalidAcl).Build();
        yield return S("create/err-auth-acl-without-auth").Begin()
            .Create("a", "~/x", acl: [AclSet.Of(Perms.All, "auth", "")], expect: ErrorCode.InvalidAcl).Build();
        yield return S("create/err-digest-acl-without-colon").Begin()
            .Create("a", "~/x", acl: [AclSet.Of(Perms.All, "digest", "alice")], expect: ErrorCode.InvalidAcl).Build();
        yield return S("create/err-ip-acl-invalid").Begin()
            .Create("a", "~/x", acl: [AclSet.Of(Perms.All, "ip", "999.1.1.1")], expect: ErrorCode.InvalidAcl).Build();
        yield return S("create/ip-acls-valid").Begin().Create("a", "~/x", acl: [AclSet.Of(Perms.All, "ip", "127.0.0.1")])
            .Create("a", "~/y", acl: [AclSet.Of(Perms.All, "ip", "10.0.0.0/8")]).GetAcl("a", "~/x").GetAcl("a", "~/y", ErrorCode.NoAuth)
            .GetData("a", "~/y", expect: ErrorCode.NoAuth).Build();
        yield return S("create/duplicate-acl-entries").Begin()
            .Create("a", "~/x", acl: [AclSet.World(Perms.All), AclSet.World(Perms.All), AclSet.World(Perms.Read)]).GetAcl("a", "~/x").Build();
        yield return S("create/err-parent-missing").Begin().Create("a", "~/none/x", expect: ErrorCode.NoNode).Build();
        yield return S("create/err-no-create-permission").Begin().Create("a", "~/ro", acl: ReadOnlyAcl)
            .Create("a", "~/ro/x", expect: ErrorCode.NoAuth).Build();
        yield return S("create/err-node-exists").Begin().Create("a", "~/x").Create("a", "~/x", expect: ErrorCode.NodeExists)
            .Create2("a", "~/x", expect: ErrorCode.NodeExists).Build();
        yield return S("create/err-parent-ephemeral").Begin().Create("a", "~/e", flags: 1)
            .Create("a", "~/e/x", expect: ErrorCode.NoChildrenForEphemerals)
            .Create("a", "~/e/s", flags: 3, expect: ErrorCode.NoChildrenForEphemerals).Build();

        // Which error wins when two checks fail (the order of §3.7).
        yield return S("create/order-flags-before-acl").Begin()
            .CreateWithAcl("a", "~/x", [], ErrorCode.BadArguments, flags: 9).Build();
        yield return S("create/order-acl-before-parent").Begin().CreateWithAcl("a", "~/none/x", [], ErrorCode.InvalidAcl).Build();
        yield return S("create/order-parent-before-path-validation").Begin().Create("a", "~/none/.", expect: ErrorCode.NoNode).Build();
        yield return S("create/order-noauth-before-exists").Begin().Create("a", "~/ro").Create("a", "~/ro/x")
            .SetAcl("a", "~/ro", ReadOnlyAcl).Create("a", "~/ro/x", expect: ErrorCode.NoAuth).Build();
        yield return S("create/order-exists-before-ephemeral-parent").Begin().Create("a", "~/e", flags: 1)
            .Create("a", "~/e", flags: 1, expect: ErrorCode.NodeExists).Build();
        yield return S("create/order-path-before-exists").Begin().Create("a", "~/x").Create("a", "~/x/", expect: ErrorCode.BadArguments).Build();
        yield return S("create/failed-create-consumes-zxid").Begin().Create("a", "~/x").Create("a", "~/x", expect: ErrorCode.NodeExists)
            .Create("a", "~/y").Exists("a", "~/y").Build();
    }

    private static ScenarioBuilder S(string name) => new(name);
}

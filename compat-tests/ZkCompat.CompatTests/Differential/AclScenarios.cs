using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>getACL / setACL, digest and ip identities, auth, whoAmI (PROTOCOL.md §6).</summary>
internal static class AclScenarios
{
    private static readonly Acl Alice = AclSet.Digest(Perms.All, "alice", "secret");

    public static IEnumerable<Scenario> All()
    {
        yield return S("acl/get-open").Begin().GetAcl("a", "~").Build();
        yield return S("acl/get-builtins").Begin().GetAcl("a", "/").GetAcl("a", "/zookeeper").GetAcl("a", "/zookeeper/config").Build();
        yield return S("acl/set-increments-aversion").Begin().Create("a", "~/x").SetAcl("a", "~/x", [AclSet.World(Perms.Read | Perms.Admin)], 0)
            .GetAcl("a", "~/x").SetAcl("a", "~/x", AclSet.Open, 1).Build();
        yield return S("acl/set-err-bad-version").Begin().Create("a", "~/x").SetAcl("a", "~/x", AclSet.Open, 2, ErrorCode.BadVersion).Build();
        yield return S("acl/set-err-invalid-acl").Begin().Create("a", "~/x").SetAcl("a", "~/x", [], expect: ErrorCode.InvalidAcl)
            .SetAcl("a", "~/x", null, expect: ErrorCode.InvalidAcl).Build();
        yield return S("acl/set-err-node-missing").Begin().SetAcl("a", "~/none", AclSet.Open, expect: ErrorCode.NoNode).Build();
        yield return S("acl/set-err-invalid-path").Begin().SetAcl("a", "none", AclSet.Open, expect: ErrorCode.BadArguments).Build();
        yield return S("acl/set-err-no-admin").Begin().Create("a", "~/x", acl: [AclSet.World(Perms.Read)])
            .SetAcl("a", "~/x", AclSet.Open, expect: ErrorCode.NoAuth).Build();
        yield return S("acl/set-order-invalid-acl-before-nonode").Begin().SetAcl("a", "~/none", [], expect: ErrorCode.InvalidAcl).Build();
        yield return S("acl/set-order-noauth-before-badversion").Begin().Create("a", "~/x", acl: [AclSet.World(Perms.Read)])
            .SetAcl("a", "~/x", AclSet.Open, 7, ErrorCode.NoAuth).Build();
        yield return S("acl/get-err-missing").Begin().GetAcl("a", "~/none", ErrorCode.NoNode).Build();
        yield return S("acl/get-err-no-read-or-admin").Begin().Create("a", "~/x", acl: [AclSet.World(Perms.Write)])
            .GetAcl("a", "~/x", ErrorCode.NoAuth).Build();
        yield return S("acl/setacl-fires-no-event").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .SetAcl("a", "~/x", [AclSet.World(Perms.All)]).NoEvent("b").Build();

        yield return S("acl/digest-owner-and-stranger").Begin().Auth("a", "digest", "alice:secret").Create("a", "~/x", "s", acl: [Alice])
            .GetData("a", "~/x").Connect("b").GetData("b", "~/x", expect: ErrorCode.NoAuth).SetData("b", "~/x", "no", expect: ErrorCode.NoAuth)
            .Exists("b", "~/x").Build();
        yield return S("acl/digest-masked-without-admin").Begin()
            .Create("a", "~/x", acl: [AclSet.Digest(Perms.All, "alice", "secret"), AclSet.World(Perms.Read)])
            .GetAcl("a", "~/x").Auth("a", "digest", "alice:secret").GetAcl("a", "~/x").Build();
        yield return S("acl/auth-scheme-expands-to-digest").Begin().Auth("a", "digest", "alice:secret")
            .Create("a", "~/x", acl: [AclSet.Of(Perms.All, "auth", "")]).GetAcl("a", "~/x").Build();
        yield return S("acl/auth-scheme-two-identities").Begin().Auth("a", "digest", "alice:secret").Auth("a", "digest", "bob:pw")
            .Create("a", "~/x", acl: [AclSet.Of(Perms.Read, "auth", "ignored")]).GetAcl("a", "~/x").Build();
        yield return S("acl/ip-identity-grants").Begin().Create("a", "~/x", "ip", acl: [AclSet.Of(Perms.All, "ip", "127.0.0.0/8")])
            .GetData("a", "~/x").Build();
        yield return S("acl/auth-unknown-scheme-closes").Begin().Auth("a", "nosuch", "x", ErrorCode.AuthFailed).ExpectClosed("a").Build();
        yield return S("acl/auth-xid-echoed").Begin().Auth("a", "digest", "alice:secret", xid: 42).Ping("a").Build();
        yield return S("acl/auth-duplicate-collapses").Begin().Auth("a", "digest", "alice:secret").Auth("a", "digest", "alice:secret")
            .WhoAmI("a").Build();
        yield return S("acl/auth-ip-scheme").Begin().Auth("a", "ip", "ignored").WhoAmI("a").Build();
        yield return S("acl/whoami-plain").Begin().WhoAmI("a").Build();
        yield return S("acl/whoami-digest").Begin().Auth("a", "digest", "alice:secret").WhoAmI("a").Build();
        yield return S("acl/create-child-needs-create-only").Begin().Create("a", "~/p", acl: [AclSet.World(Perms.Create)])
            .Create("a", "~/p/x").GetChildren("a", "~/p", expect: ErrorCode.NoAuth).CountAll("a", "~/p", ErrorCode.NoAuth)
            .Exists("a", "~/p/x").Build();
        yield return S("acl/multi-check-needs-read").Begin().Create("a", "~/x", acl: [AclSet.World(Perms.Write)])
            .Multi("a", [Mop.Check("~/x", 0)], [ErrorCode.NoAuth]).Build();
    }

    private static ScenarioBuilder S(string name) => new(name);
}

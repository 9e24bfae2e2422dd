using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>multi (all or nothing, one zxid, per-op errors) and multiRead (PROTOCOL.md §3.5).</summary>
internal static class MultiScenarios
{
    private const ErrorCode Ok = ErrorCode.Ok;
    private const ErrorCode Rt = ErrorCode.RuntimeInconsistency;

    public static IEnumerable<Scenario> All()
    {
        yield return S("multi/success").Begin().Create("a", "~/old")
            .Multi("a", [Mop.Create("~/x", "1"), Mop.SetData("~/x", "2"), Mop.Check("~/x", 1), Mop.Delete("~/old")], [Ok, Ok, Ok, Ok])
            .GetData("a", "~/x").GetChildren2("a", "~").Build();
        yield return S("multi/fail-first").Begin()
            .Multi("a", [Mop.Delete("~/none"), Mop.Create("~/x"), Mop.Create("~/y")], [ErrorCode.NoNode, Rt, Rt])
            .Exists("a", "~/x", expect: ErrorCode.NoNode).Build();
        yield return S("multi/fail-middle").Begin()
            .Multi("a", [Mop.Create("~/x"), Mop.Create("~/x"), Mop.Create("~/y")], [Ok, ErrorCode.NodeExists, Rt])
            .Exists("a", "~/x", expect: ErrorCode.NoNode).Build();
        yield return S("multi/fail-last").Begin().Create("a", "~/v")
            .Multi("a", [Mop.SetData("~/v", "1"), Mop.Create("~/x"), Mop.Check("~/v", 0)], [Ok, Ok, ErrorCode.BadVersion])
            .GetData("a", "~/v").Build();
        yield return S("multi/check-missing-node").Begin().Multi("a", [Mop.Check("~/none", 0)], [ErrorCode.NoNode]).Build();
        yield return S("multi/check-invalid-path").Begin().Multi("a", [Mop.Check("none", 0), Mop.Create("~/x")], [ErrorCode.BadArguments, Rt]).Build();
        yield return S("multi/check-any-version").Begin().Create("a", "~/x").Multi("a", [Mop.Check("~/x", -1)], [Ok]).Build();
        yield return S("multi/empty").Begin().Multi("a", [], []).Ping("a").Create("a", "~/after").Build();
        yield return S("multi/mixed-read-is-marshalling-error").Begin()
            .Multi("a", [Mop.Create("~/x"), Mop.GetData("~")], expect: ErrorCode.MarshallingError).Exists("a", "~/x", expect: ErrorCode.NoNode).Build();
        yield return S("multi/invalid-op-type").Begin().Multi("a", [Mop.Create("~/x"), Mop.Other(OpCode.GetAcl, "~")], expect: ErrorCode.MarshallingError)
            .Ping("a").Build();
        yield return S("multi/create2-treated-as-create").Begin().Multi("a", [Mop.Create("~/x", type: OpCode.Create2)], [Ok]).Build();
        yield return S("multi/container-gives-create2-result").Begin().Multi("a", [Mop.Create("~/c", flags: 4, type: OpCode.CreateContainer)], [Ok]).Build();
        yield return S("multi/ttl-disabled").Begin().Multi("a", [Mop.CreateTtl("~/t", 1000), Mop.Create("~/x")], [ErrorCode.Unimplemented, Rt]).Build();
        yield return S("multi/ops-see-earlier-ops").Begin()
            .Multi("a", [Mop.Create("~/p"), Mop.Create("~/p/c"), Mop.Delete("~/p/c"), Mop.SetData("~/p", "x"), Mop.Check("~/p", 1)], [Ok, Ok, Ok, Ok, Ok])
            .GetChildren2("a", "~/p").Build();
        yield return S("multi/sequential-inside").Begin().Create("a", "~/q")
            .Multi("a", [Mop.Create("~/q/s-", flags: 2), Mop.Create("~/q/s-", flags: 2), Mop.Create("~/q/e-", flags: 3)], [Ok, Ok, Ok])
            .GetChildren2("a", "~/q").Build();
        yield return S("multi/rollback-keeps-sequence-counter").Begin().Create("a", "~/q")
            .Multi("a", [Mop.Create("~/q/s-", flags: 2), Mop.Delete("~/none")], [Ok, ErrorCode.NoNode])
            .Create("a", "~/q/s-", flags: 2).GetChildren2("a", "~/q").Build();
        yield return S("multi/failed-consumes-one-zxid").Begin().Create("a", "~/x")
            .Multi("a", [Mop.Create("~/y"), Mop.Create("~/x")], [Ok, ErrorCode.NodeExists]).Create("a", "~/z").Exists("a", "~/z").Build();
        yield return S("multi/one-zxid-for-all").Begin()
            .Multi("a", [Mop.Create("~/x"), Mop.Create("~/y"), Mop.SetData("~", "r")], [Ok, Ok, Ok]).Exists("a", "~/x").Exists("a", "~/y").Exists("a", "~").Build();
        yield return S("multi/delete-then-recreate").Begin().Create("a", "~/x", "old")
            .Multi("a", [Mop.Delete("~/x"), Mop.Create("~/x", "new")], [Ok, Ok]).GetData("a", "~/x").Build();
        yield return S("multi/no-auth-in-op").Begin().Create("a", "~/ro", acl: [AclSet.World(Perms.Read)])
            .Multi("a", [Mop.Create("~/ok"), Mop.Create("~/ro/x")], [Ok, ErrorCode.NoAuth]).Build();
        yield return S("multi/invalid-acl-in-op").Begin()
            .Multi("a", [Mop.CreateWith("~/x", []), Mop.Create("~/y")], [ErrorCode.InvalidAcl, Rt]).Build();
        yield return S("multi/ephemeral-parent-in-op").Begin()
            .Multi("a", [Mop.Create("~/e", flags: 1), Mop.Create("~/e/c")], [Ok, ErrorCode.NoChildrenForEphemerals]).Build();
        yield return S("multi/not-empty-in-op").Begin().Create("a", "~/p").Create("a", "~/p/c")
            .Multi("a", [Mop.Delete("~/p")], [ErrorCode.NotEmpty]).Build();
        yield return S("multi/bad-path-in-op").Begin().Multi("a", [Mop.Create("~/"), Mop.Create("~/y")], [ErrorCode.BadArguments, Rt]).Build();
        yield return S("multi/many-ops").Begin().Multi("a", [.. Enumerable.Range(0, 100).Select(i => Mop.Create($"~/n{i:D3}", $"{i}"))])
            .CountAll("a", "~").GetData("a", "~/n099").Build();
        yield return S("multi/watch-events-in-order").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .GetChildren("b", "~", watch: true).Exists("b", "~/y", watch: true, expect: ErrorCode.NoNode)
            .Multi("a", [Mop.SetData("~/x", "1"), Mop.Create("~/y"), Mop.Delete("~/x")], [Ok, Ok, Ok])
            .Ping("b").Build();
        yield return S("multi/failed-fires-no-event").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .Multi("a", [Mop.SetData("~/x", "1"), Mop.Delete("~/none")], [Ok, ErrorCode.NoNode]).NoEvent("b").Build();

        yield return S("multiread/success").Begin().Create("a", "~/x", "d").Create("a", "~/x/c")
            .MultiRead("a", [Mop.GetData("~/x"), Mop.GetChildren("~/x"), Mop.GetChildren("~")], [Ok, Ok, Ok]).Build();
        yield return S("multiread/independent-errors").Begin().Create("a", "~/x").Create("a", "~/s", acl: [AclSet.World(Perms.Write)])
            .MultiRead("a", [Mop.GetData("~/none"), Mop.GetData("~/x"), Mop.GetChildren("~/none"), Mop.GetData("~/s")],
                [ErrorCode.NoNode, Ok, ErrorCode.NoNode, ErrorCode.NoAuth]).Build();
        yield return S("multiread/with-write-is-marshalling-error").Begin().MultiRead("a", [Mop.GetData("~"), Mop.Create("~/x")], expect: ErrorCode.MarshallingError)
            .Exists("a", "~/x", expect: ErrorCode.NoNode).Build();
        yield return S("multiread/sets-no-watch").Begin().Create("a", "~/x").MultiRead("a", [Mop.GetData("~/x")], [Ok]).SetData("a", "~/x", "1")
            .NoEvent("a").Build();
        yield return S("multiread/empty").Begin().MultiRead("a", [], []).Build();
        yield return S("multiread/consumes-no-zxid").Begin().Ping("a").MultiRead("a", [Mop.GetData("~")], [Ok]).Create("a", "~/x").Build();
    }

    private static ScenarioBuilder S(string name) => new(name);
}

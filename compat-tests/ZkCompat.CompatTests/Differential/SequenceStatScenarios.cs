using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>Sequence numbers (never reused, from the stored cversion) and Stat arithmetic: cversion, pzxid, versions (PROTOCOL.md §3.4, §7.3).</summary>
internal static class SequenceStatScenarios
{
    public static IEnumerable<Scenario> All()
    {
        yield return S("sequence/numbering").Begin().Create("a", "~/s-", flags: 2).Create("a", "~/s-", flags: 2).Create2("a", "~/s-", flags: 2)
            .GetChildren("a", "~").Build();
        yield return S("sequence/after-deletes-not-reused").Begin().Create("a", "~/s-", flags: 2).Create("a", "~/s-", flags: 2)
            .Delete("a", "~/s-0000000000").Delete("a", "~/s-0000000001").Create("a", "~/s-", flags: 2).GetChildren2("a", "~").Build();
        yield return S("sequence/shared-counter-across-names").Begin().Create("a", "~/plain").Create("a", "~/a-", flags: 2)
            .Create("a", "~/b-", flags: 3).Create("a", "~/a-", flags: 2).GetChildren("a", "~").Build();
        yield return S("sequence/trailing-slash").Begin().Create("a", "~/p").Create("a", "~/p/", flags: 2).Create("a", "~/p/", flags: 2)
            .GetChildren("a", "~/p").Build();
        yield return S("sequence/failed-create-does-not-count").Begin().Create("a", "~/x").Create("a", "~/x", expect: ErrorCode.NodeExists)
            .Create("a", "~/s-", flags: 2).Build();
        yield return S("sequence/counter-per-parent").Begin().Create("a", "~/p").Create("a", "~/q").Create("a", "~/p/s", flags: 2)
            .Create("a", "~/q/s", flags: 2).Create("a", "~/p/s", flags: 2).GetChildren("a", "~/p").GetChildren("a", "~/q").Build();
        yield return S("sequence/ephemeral-sequential-gone-after-close").Begin().Connect("b").Create("b", "~/e-", flags: 3).Close("b")
            .Create("a", "~/e-", flags: 3).GetChildren("a", "~").Build();
        yield return S("sequence/delete-recreate-parent-restarts").Begin().Create("a", "~/p").Create("a", "~/p/s", flags: 2).Delete("a", "~/p/s0000000000")
            .Delete("a", "~/p").Create("a", "~/p").Create("a", "~/p/s", flags: 2).GetChildren("a", "~/p").Build();

        yield return S("stat/cversion-creates-and-deletes").Begin().Create("a", "~/a").Create("a", "~/b").Create("a", "~/c").Delete("a", "~/b")
            .Exists("a", "~").Build();
        yield return S("stat/pzxid-after-delete").Begin().Create("a", "~/a").Create("a", "~/b").Delete("a", "~/a").GetChildren2("a", "~").Build();
        yield return S("stat/pzxid-not-moved-by-child-data").Begin().Create("a", "~/a").SetData("a", "~/a", "x").Exists("a", "~").Build();
        yield return S("stat/zookeeper-cversion-minus-two").Begin().Exists("a", "/zookeeper").Build();
        yield return S("stat/aversion-after-setacl").Begin().Create("a", "~/x").SetAcl("a", "~/x", AclSet.Open).SetAcl("a", "~/x", AclSet.Open)
            .Exists("a", "~/x").Build();
        yield return S("stat/ephemeral-owner").Begin().Create("a", "~/e", flags: 1).Connect("b").Create("b", "~/f", flags: 3)
            .Exists("b", "~/e").GetChildren2("a", "~").Exists("a", "~/e").Build();
        yield return S("stat/container-owner-zero").Begin().CreateContainer("a", "~/c").Create("a", "~/c/x").GetData("a", "~/c").Build();
        yield return S("stat/data-length").Begin().Create("a", "~/x", "12345").Create("a", "~/n", null).Exists("a", "~/x").Exists("a", "~/n").Build();
        yield return S("stat/cversion-after-multi").Begin()
            .Multi("a", [Mop.Create("~/a"), Mop.Create("~/b"), Mop.Delete("~/a")], [ErrorCode.Ok, ErrorCode.Ok, ErrorCode.Ok]).Exists("a", "~").Build();
        yield return S("stat/cversion-after-ephemeral-cleanup").Begin().Connect("b").Create("b", "~/e", flags: 1).Close("b").Exists("a", "~").Build();
        yield return S("stat/pzxid-max-on-delete").Begin().Create("a", "~/a").Create("a", "~/b").Delete("a", "~/b").Create("a", "~/c")
            .Delete("a", "~/a").Exists("a", "~").Build();
    }

    private static ScenarioBuilder S(string name) => new(name);
}

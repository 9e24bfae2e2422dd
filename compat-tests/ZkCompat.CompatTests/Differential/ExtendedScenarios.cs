using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// On the Extended servers: TTL nodes and their expiry, container expiry, the super digest and
/// persistent watches (PROTOCOL.md §5.3, §5.4, §6.2, §7.4).
/// </summary>
internal static class ExtendedScenarios
{
    private const EventType Deleted = EventType.NodeDeleted;

    /// <summary>
    /// TTL nodes left behind must not expire during a later scenario (the delete would add a zxid to
    /// its transcript on one server only): ten days.
    /// </summary>
    private const long LongTtlMs = 864_000_000;

    public static IEnumerable<Scenario> All()
    {
        yield return X("ttl/create").Begin().CreateTtl("a", "~/t", LongTtlMs).CreateTtl("a", "~/s-", LongTtlMs, flags: 6).GetChildren2("a", "~")
            .Exists("a", "~/t").Build();
        yield return X("ttl/err-zero-ttl").Begin().CreateTtl("a", "~/t", 0, expect: ErrorCode.BadArguments).Build();
        yield return X("ttl/err-ttl-too-large").Begin().CreateTtl("a", "~/t", 0x10000000000L, expect: ErrorCode.BadArguments)
            .CreateTtl("a", "~/u", 0xFFFFFFFFFFL).Build();
        yield return X("ttl/err-non-ttl-flag").Begin().CreateTtl("a", "~/t", 1000, flags: 0, expect: ErrorCode.BadArguments).Build();
        yield return X("ttl/err-ttl-flag-on-create").Begin().Create("a", "~/t", flags: 5, expect: ErrorCode.BadArguments)
            .Create2("a", "~/t", flags: 6, expect: ErrorCode.BadArguments).Build();
        yield return X("ttl/in-multi").Begin().Multi("a", [Mop.CreateTtl("~/t", LongTtlMs), Mop.Create("~/x")], [ErrorCode.Ok, ErrorCode.Ok])
            .Exists("a", "~/t").Build();
        yield return X("ttl/expires").Begin().CreateTtl("a", "~/t", 200).Exists("a", "~/t", watch: true)
            .WaitEvent("a", Deleted, "~/t", TimeSpan.FromSeconds(10)).Build();
        yield return X("container/deleted-when-emptied").Begin().CreateContainer("a", "~/c").Create("a", "~/c/x").Exists("a", "~/c", watch: true)
            .Delete("a", "~/c/x").WaitEvent("a", Deleted, "~/c", TimeSpan.FromSeconds(10)).Build();

        yield return X("super/reads-and-deletes-anything").Begin().Create("a", "~/p", acl: [AclSet.World(Perms.Create)]).Create("a", "~/p/x")
            .Connect("s").Auth("s", "digest", "super:test").WhoAmI("s").GetChildren("s", "~/p").Delete("s", "~/p/x")
            .SetAcl("s", "~/p", AclSet.Open).Build();
        yield return X("super/wrong-password-is-plain-digest").Begin().Create("a", "~/p", acl: [AclSet.World(Perms.Create)])
            .Auth("a", "digest", "super:nottest").WhoAmI("a").GetChildren("a", "~/p", expect: ErrorCode.NoAuth).Build();

        yield return X("persistent/add-watch").Begin().AddWatch("a", "~/p", 0).Connect("b").Create("b", "~/p").SetData("b", "~/p", "1")
            .Create("b", "~/p/c").Delete("b", "~/p/c").Delete("b", "~/p").Ping("a").Build();
        yield return X("persistent/recursive").Begin().AddWatch("a", "~", 1).Connect("b").Create("b", "~/x").Create("b", "~/x/y")
            .SetData("b", "~/x/y", "1").Delete("b", "~/x/y").Ping("a").Build();
        yield return X("persistent/remove-any").Begin().AddWatch("a", "~", 0).CheckWatches("a", "~", 3).RemoveWatches("a", "~", 3)
            .Create("a", "~/x").NoEvent("a").Build();
        yield return X("persistent/setwatches2").Begin().Connect("b").Drop("b").Reconnect("b")
            .SetWatches2("b", persistent: ["~/p"], recursive: ["~/r"]).Create("a", "~/p").Create("a", "~/r").Create("a", "~/r/x")
            .Ping("b").Build();
        yield return X("persistent/with-one-shot-on-same-path").Begin().Create("a", "~/x").Connect("b").AddWatch("b", "~/x", 0)
            .GetData("b", "~/x", watch: true).SetData("a", "~/x", "1").SetData("a", "~/x", "2").Ping("b").Build();
    }

    private static ScenarioBuilder X(string name) => new(name, ServerProfile.Extended);
}

using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>Pipelined requests: many in one TCP write, answered in order, events in between (PROTOCOL.md §1.1, §5.3).</summary>
internal static class PipelineScenarios
{
    public static IEnumerable<Scenario> All()
    {
        yield return S("pipeline/ten-creates").Begin().Pipeline("a", p =>
        {
            for (var i = 0; i < 10; i++)
                p.Create("a", $"~/n{i}", $"{i}");
        }).GetChildren2("a", "~").Build();
        yield return S("pipeline/write-then-read").Begin().Pipeline("a", p => p.Create("a", "~/x", "1").GetData("a", "~/x")
            .SetData("a", "~/x", "2").GetData("a", "~/x").Delete("a", "~/x").Exists("a", "~/x", expect: ErrorCode.NoNode)).Build();
        yield return S("pipeline/errors-in-between").Begin().Pipeline("a", p => p.Create("a", "~/x").Create("a", "~/x", expect: ErrorCode.NodeExists)
            .Delete("a", "~/none", expect: ErrorCode.NoNode).SetData("a", "~/x", "v", 5, ErrorCode.BadVersion).Create("a", "~/y")).Build();
        yield return S("pipeline/own-events-interleaved").Begin().Create("a", "~/x").Pipeline("a", p => p.GetData("a", "~/x", watch: true)
            .SetData("a", "~/x", "1").GetData("a", "~/x", watch: true).SetData("a", "~/x", "2").Exists("a", "~/y", watch: true, expect: ErrorCode.NoNode)
            .Create("a", "~/y")).Build();
        yield return S("pipeline/pings-interleaved").Begin().Pipeline("a", p => p.Request("a", OpCode.Ping, null).Create("a", "~/x")
            .Request("a", OpCode.Ping, null).Exists("a", "~/x").Request("a", OpCode.Ping, null)).Build();
        yield return S("pipeline/other-session-sees-order").Begin().Create("a", "~/x").Connect("b").GetData("b", "~/x", watch: true)
            .GetChildren("b", "~", watch: true).Pipeline("a", p => p.SetData("a", "~/x", "1").Create("a", "~/y").Delete("a", "~/y"))
            .Ping("b").Build();
        yield return S("pipeline/multi-and-reads").Begin().Pipeline("a", p => p.Multi("a", [Mop.Create("~/a"), Mop.Create("~/b")])
            .GetChildren("a", "~").MultiRead("a", [Mop.GetData("~/a"), Mop.GetData("~/c")], [ErrorCode.Ok, ErrorCode.NoNode]).CountAll("a", "~")).Build();
        // Nothing after the closeSession: whether Java still answers such a request depends on timing.
        yield return S("pipeline/create-then-close").Begin().Pipeline("a", p => p.Create("a", "~/x", flags: 1).Create("a", "~/y")
            .Request("a", OpCode.CloseSession, null)).ExpectClosed("a").Connect("b").GetChildren2("b", "~").Build();
        // As the Java client reconnects: handshake, setWatches and the next request in one write.
        // (Requests behind an unknown op or a closeSession are left out: whether Java answers them depends on timing.)
        yield return S("pipeline/reconnect-with-setwatches").Begin().Create("a", "~/x").Create("a", "~/y").GetData("a", "~/x", watch: true)
            .Connect("b").Drop("a").SetData("b", "~/x", "1")
            .ConnectPipelined("a", p => p.SetWatches("a", data: ["~/x"], child: ["~"]).GetData("a", "~/x", watch: true), new ConnectSpec { SessionOf = "a" })
            .Create("b", "~/z").SetData("b", "~/x", "2").WaitEvent("a", EventType.NodeChildrenChanged, "~").WaitEvent("a", EventType.NodeDataChanged, "~/x")
            .Build();
        yield return S("pipeline/hundred-mixed").Begin().Pipeline("a", p =>
        {
            for (var i = 0; i < 50; i++)
                p.Create("a", $"~/k{i}", "v").GetData("a", $"~/k{i}");
        }).CountAll("a", "~").Build();
        yield return S("pipeline/two-connections-interleaved").Begin().Connect("b").Pipeline("a", p => p.Create("a", "~/a1").Create("a", "~/a2"))
            .Pipeline("b", p => p.Create("b", "~/b1").GetChildren("b", "~")).GetChildren2("a", "~").Build();
    }

    private static ScenarioBuilder S(string name) => new(name);
}

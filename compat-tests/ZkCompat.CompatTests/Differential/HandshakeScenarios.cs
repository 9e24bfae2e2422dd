using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// The handshake matrix (PROTOCOL.md §2): 3.4/3.5-style clients (no readOnly byte) and 3.8-style
/// clients, new sessions and reconnects, right and wrong passwords, timeouts outside the window.
/// </summary>
internal static class HandshakeScenarios
{
    private static readonly ConnectSpec Old = new() { OldClient = true };

    public static IEnumerable<Scenario> All()
    {
        yield return S("handshake/new-session-38-client").Connect("a").Ping("a").Build();
        yield return S("handshake/new-session-old-client").Connect("a", Old).Ping("a").Build();
        yield return S("handshake/readonly-flag-on-rw-server").Connect("a", new ConnectSpec { ReadOnly = true }).Begin2().Build();
        yield return S("handshake/timeout-below-min").Connect("a", new ConnectSpec { TimeoutMs = 1000 }).Ping("a").Build();
        yield return S("handshake/timeout-above-max").Connect("a", new ConnectSpec { TimeoutMs = 1_000_000_000 }).Ping("a").Build();
        yield return S("handshake/timeout-zero").Connect("a", new ConnectSpec { TimeoutMs = 0 }).Ping("a").Build();
        yield return S("handshake/timeout-negative").Connect("a", Old with { TimeoutMs = -5 }).Ping("a").Build();
        yield return S("handshake/protocol-version-ignored").Connect("a", new ConnectSpec { ProtocolVersion = 7 }).Ping("a").Build();
        yield return S("handshake/null-password-new-session").Connect("a", new ConnectSpec { Password = PasswordKind.Null }).Ping("a").Build();

        foreach (var (style, spec) in new[] { ("38-client", new ConnectSpec()), ("old-client", Old) })
        {
            yield return S($"handshake/reconnect-{style}").Begin()
                .Create("a", "~/e", "x", flags: 1).Drop("a").Reconnect("a", spec).Exists("a", "~/e").Build();
            yield return S($"handshake/wrong-password-{style}").Begin().Drop("a")
                .Connect("b", spec with { SessionOf = "a", Password = PasswordKind.Wrong, Expect = ConnectOutcome.Expired })
                .Reconnect("a").Ping("a").Build();
            yield return S($"handshake/unknown-session-{style}")
                .Connect("a", spec with { UnknownSession = true, Expect = ConnectOutcome.Expired }).Build();
            yield return S($"handshake/after-close-{style}").Begin().Close("a")
                .Connect("b", spec with { SessionOf = "a", Expect = ConnectOutcome.Expired }).Build();
        }

        yield return S("handshake/wrong-password-kills-live-connection").Begin()
            .Connect("b", new ConnectSpec { SessionOf = "a", Password = PasswordKind.Wrong, Expect = ConnectOutcome.Expired })
            .ExpectClosed("a").Reconnect("a").Ping("a").Build();
        yield return S("handshake/takeover-closes-old-connection").Begin().Create("a", "~/e", flags: 1)
            .Connect("a2", new ConnectSpec { SessionOf = "a" }).ExpectClosed("a").Exists("a2", "~/e").GetEphemerals("a2", "~").Build();
        yield return S("handshake/zxid-ahead-closed-without-reply").Begin()
            .Connect("b", new ConnectSpec { ZxidAhead = true, Expect = ConnectOutcome.ClosedWithoutReply }).Ping("a").Build();
        yield return S("handshake/reconnect-with-last-zxid").Begin().SetData("a", "~", "v").Drop("a").Reconnect("a").GetData("a", "~").Build();
        yield return S("handshake/trailing-bytes-after-readonly").Connect("a", new ConnectSpec { Trailing = [1, 2, 3] }).Ping("a").Build();
        yield return S("handshake/pipelined-with-connect-38-client").ConnectPipelined("a", p => p
                .Create("a", "~", "root").GetData("a", "~").Exists("a", "~/none", expect: ErrorCode.NoNode))
            .Build();
        yield return S("handshake/pipelined-with-connect-old-client").ConnectPipelined("a", p => p
                .Create("a", "~").GetChildren2("a", "~"), Old)
            .Build();
        yield return S("handshake/reconnect-twice-same-session").Begin().Drop("a").Reconnect("a").Drop("a").Reconnect("a", Old)
            .Create("a", "~/x").Build();
    }

    /// <summary>Creates the root on "a" after a custom handshake.</summary>
    private static ScenarioBuilder Begin2(this ScenarioBuilder b) => b.Create("a", "~").GetData("a", "~");

    private static ScenarioBuilder S(string name) => new(name);
}

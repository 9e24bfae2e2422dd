using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>Non-ASCII paths and data: what path validation allows (PROTOCOL.md §7.2) and how strings travel (§1.2).</summary>
internal static class UnicodeScenarios
{
    public static IEnumerable<Scenario> All()
    {
        yield return S("unicode/latin-and-cjk-paths").Begin().Create("a", "~/ünïcödé", "é").Create("a", "~/日本語", "データ")
            .GetChildren("a", "~").GetData("a", "~/日本語").Exists("a", "~/ünïcödé").Build();
        yield return S("unicode/nbsp-allowed").Begin().Create("a", "~/a\u00a0b").GetChildren("a", "~").Build();
        yield return S("unicode/emoji-path-rejected").Begin().Create("a", "~/smile\U0001F600", expect: ErrorCode.BadArguments)
            .GetData("a", "~/smile\U0001F600", expect: ErrorCode.NoNode).Build();
        yield return S("unicode/private-use-rejected").Begin().Create("a", "~/p\ue000", expect: ErrorCode.BadArguments).Build();
        yield return S("unicode/specials-rejected").Begin().Create("a", "~/s\ufff0", expect: ErrorCode.BadArguments)
            .Create("a", "~/s\uffff", expect: ErrorCode.BadArguments).Build();
        yield return S("unicode/control-chars-rejected").Begin().Create("a", "~/c\u0001", expect: ErrorCode.BadArguments)
            .Create("a", "~/c\u001f", expect: ErrorCode.BadArguments).Create("a", "~/c\u007f", expect: ErrorCode.BadArguments)
            .Create("a", "~/c\u0085", expect: ErrorCode.BadArguments).Create("a", "~/c\u009f", expect: ErrorCode.BadArguments).Build();
        yield return S("unicode/edge-of-forbidden-ranges").Begin().Create("a", "~/e\u00a0").Create("a", "~/e\ud7ff").Create("a", "~/e\uf900")
            .Create("a", "~/e\uffef").GetChildren("a", "~").Build();
        var badUtf8 = S("unicode/invalid-utf8-path-rejected");
        yield return badUtf8.Begin()
            .Raw("a", OpCode.Create, CreateBody([.. System.Text.Encoding.UTF8.GetBytes(badUtf8.P("~/x")), 0xff, 0xfe]), "create ~/x\\xff\\xfe", ErrorCode.BadArguments)
            .GetChildren("a", "~").Build();
        yield return S("unicode/data-round-trip").Begin().Create("a", "~/d", "Grüße, 世界").SetData("a", "~/d", "καλημέρα").GetData("a", "~/d").Build();
        yield return S("unicode/child-watch-path").Begin().Create("a", "~/ü").Connect("b").GetChildren("b", "~/ü", watch: true)
            .Create("a", "~/ü/ß").WaitEvent("b", EventType.NodeChildrenChanged, "~/ü").Build();
        yield return S("unicode/digest-user").Begin().Auth("a", "digest", "jürgen:pässwörd").WhoAmI("a")
            .Create("a", "~/x", acl: [AclSet.Digest(Perms.All, "jürgen", "pässwörd")]).GetData("a", "~/x").GetAcl("a", "~/x").Build();
    }

    /// <summary>A CreateRequest with raw path bytes, empty data, the open ACL and flags 0.</summary>
    private static byte[] CreateBody(byte[] path)
    {
        var body = new List<byte>();
        body.AddRange(Int(path.Length));
        body.AddRange(path);
        body.AddRange(Int(0));
        body.AddRange(Int(1));
        body.AddRange(Int(31));
        body.AddRange(Int(5));
        body.AddRange("world"u8.ToArray());
        body.AddRange(Int(6));
        body.AddRange("anyone"u8.ToArray());
        body.AddRange(Int(0));
        return [.. body];
    }

    private static byte[] Int(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static ScenarioBuilder S(string name) => new(name);
}

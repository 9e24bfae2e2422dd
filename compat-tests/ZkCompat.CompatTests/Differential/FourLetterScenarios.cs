using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// Four-letter words (PROTOCOL.md §8.1): the default whitelist (srvr only) on the Shared servers,
/// everything whitelisted on the Extended ones. Counters and ids are masked, the text must match.
/// </summary>
internal static class FourLetterScenarios
{
    public static IEnumerable<Scenario> All()
    {
        yield return S("fourletter/ruok-not-whitelisted").FourLetter("ruok").Build();
        yield return S("fourletter/srvr-whitelisted-by-default").FourLetter("srvr", "Zookeeper version:").Build();
        yield return S("fourletter/stat-not-whitelisted").FourLetter("stat").Build();
        yield return S("fourletter/unknown-word-closes").FourLetter("abcd").Build();
        yield return S("fourletter/request-still-served-after").Begin().FourLetter("mntr").Ping("a").Build();

        yield return X("fourletter/ruok").FourLetter("ruok", "imok").Build();
        foreach (var (word, start) in new[]
                 {
                     ("srvr", "Zookeeper version:"), ("conf", "clientPort="), ("isro", "rw"), ("gtmk", null), ("crst", "Connection stats reset."),
                     ("srst", "Server stats reset."), ("wchs", null), ("dirs", "datadir_size:"), ("hash", null),
                 })
        {
            yield return X($"fourletter/{word}").FourLetter(word, start).Build();
        }

        // mntr in Java's order (not sorted): the reads and writes here, and those of every earlier
        // scenario on the server, add per-namespace keys in Java's hash order.
        yield return X("fourletter/mntr").Begin().Create("a", "~/x", "data").GetData("a", "~/x").GetChildren("a", "~").SetData("a", "~/x", "more")
            .Exists("a", "~/y", expect: ErrorCode.NoNode).FourLetter("mntr", "zk_version").Build();
        yield return X("fourletter/stmk-echoes-mask").Add(new FourLetterStep("stmk", null, extra: [0, 0, 0, 0, 0, 0, 1, 0x32])).Build();
        // Client lists and watch dumps cover every connection of the server: on a fresh pair, so a
        // connection of an earlier scenario that the server has not yet seen close cannot show up.
        yield return F("fourletter/stat").Begin().FourLetter("stat", "Zookeeper version:", sortLines: true).Build();
        yield return F("fourletter/watch-dumps").Begin().Create("a", "~/x").GetData("a", "~/x", watch: true).Exists("a", "~/y", watch: true, expect: ErrorCode.NoNode)
            .GetChildren("a", "~", watch: true).FourLetter("wchs").FourLetter("wchp", sortLines: true).FourLetter("wchc", sortLines: true).Build();
        yield return F("fourletter/cons").Begin().Create("a", "~/e", flags: 1).FourLetter("cons", sortLines: true).Build();
    }

    private static ScenarioBuilder S(string name) => new(name);

    private static ScenarioBuilder X(string name) => new(name, ServerProfile.Extended);

    private static ScenarioBuilder F(string name) => new(name, ServerProfile.Fresh);
}

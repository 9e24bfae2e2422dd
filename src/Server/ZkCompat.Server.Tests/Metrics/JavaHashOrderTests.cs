using ZkCompat.Server.Metrics;

namespace ZkCompat.Server.Tests.Metrics;

/// <summary>Java's ConcurrentHashMap iteration order, checked against orders Java 3.8.0 (OpenJDK 17) printed.</summary>
public class JavaHashOrderTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 97)]
    [InlineData("hello", 99162322)]
    [InlineData("Aa", 2112)]
    [InlineData("BB", 2112)]
    [InlineData("write_per_namespace", 1_441_953_881)]
    public void StringHash_IsJavasStringHashCode(string text, int hash) => Assert.Equal(hash, JavaHashOrder.StringHash(text));

    [Fact]
    public void Of_FewKeys_IsBinOrder_NotInsertionOrder() =>
        // mntr printed read_per_namespace before write_per_namespace, registered the other way round.
        Assert.Equal(["read_per_namespace", "write_per_namespace"], JavaHashOrder.Of(["write_per_namespace", "read_per_namespace"]));

    [Fact]
    public void Of_57Namespaces_IsTheOrderJavaPrintedThemIn()
    {
        // The first write to each of these namespaces, in this order, then mntr's zk_avg_<ns>_write_per_namespace lines:
        // the map grew from 16 to 128 bins on the way, and "Aa" and "BB" share a hash.
        string[] inserted =
        [
            "app", "eph", "zookeeper", "other2", .. Enumerable.Range(0, 40).Select(i => $"ns{i}"),
            "a", "b", "zz", "Aa", "BB", "alpha", "beta", "gamma", "delta", "x-y", "under_score", "UPPER", "mixedCase9",
        ];
        var printed = ("delta ns0 ns2 ns1 ns4 ns3 ns6 ns5 ns8 ns7 ns13 ns12 ns9 ns11 ns10 ns17 ns16 ns15 ns14 eph ns19 ns18 app zookeeper "
            + "under_score zz Aa BB ns31 ns30 UPPER ns35 ns34 ns33 ns32 alpha ns39 ns38 ns37 ns36 beta other2 a b x-y ns20 ns24 ns23 "
            + "mixedCase9 ns22 ns21 ns28 ns27 ns26 ns25 gamma ns29").Split(' ');

        Assert.Equal(printed, JavaHashOrder.Of(inserted));
    }

    [Fact]
    public void Of_RepeatedKey_CountsOnce() => Assert.Equal(["a"], JavaHashOrder.Of(["a", "a", "a"]));

    [Fact]
    public void Of_ManyCollidingKeys_KeepsEveryKey()
    {
        // Strings built from "Aa"/"BB" blocks all hash alike: one bin of 64 keys, past the tree threshold.
        var colliding = Enumerable.Range(0, 64).Select(i => string.Concat(Enumerable.Range(0, 6).Select(b => ((i >> b) & 1) == 0 ? "Aa" : "BB"))).ToList();

        var order = JavaHashOrder.Of(colliding);

        Assert.Equal(colliding.Order(StringComparer.Ordinal), order.Order(StringComparer.Ordinal));
        Assert.Single(colliding.Select(JavaHashOrder.StringHash).Distinct());
    }
}

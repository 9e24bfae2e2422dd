namespace ZkCompat.Server.Metrics;

/// <summary>
/// The order in which a Java <c>ConcurrentHashMap&lt;String, ?&gt;</c> made with the default
/// capacity iterates its keys after they were put in a given order. Java's metrics provider keeps
/// every metric (and every per-namespace entry) in such maps and mntr prints them in that order,
/// so this reproduces it: String.hashCode, spread, 16 bins growing at 3/4 full, the split of
/// each bin on resize (the unchanged tail first, the nodes before it reversed in front) and
/// the early resize a bin of more than 8 nodes asks for below 64 bins. A bin that would become
/// a tree (9+ keys in one bin of a 64+ table) has its later keys put first, as Java's TreeBin does.
/// Keys are never removed here.
/// </summary>
internal static class JavaHashOrder
{
    private const int TreeifyThreshold = 8;
    private const int UntreeifyThreshold = 6;
    private const int MinTreeifyCapacity = 64;

    public static List<string> Of(IEnumerable<string> insertionOrder)
    {
        var table = new Bin[16];
        var sizeCtl = 12;
        var count = 0;
        foreach (var key in insertionOrder)
        {
            var hash = Spread(StringHash(key));
            var bin = table[hash & (table.Length - 1)] ??= new Bin();
            if (bin.Nodes.Exists(n => n.Key == key))
                continue;
            var before = bin.Nodes.Count;
            if (bin.IsTree)
                bin.Nodes.Insert(0, (hash, key));
            else
                bin.Nodes.Add((hash, key));
            if (!bin.IsTree && before >= TreeifyThreshold)
            {
                if (table.Length < MinTreeifyCapacity)
                    (table, sizeCtl) = Presize(table, sizeCtl, table.Length << 1);
                else
                    bin.IsTree = true;
            }

            count++;
            while (count >= sizeCtl)
                (table, sizeCtl) = Transfer(table);
        }

        return [.. table.Where(b => b is not null).SelectMany(b => b.Nodes.Select(n => n.Key))];
    }

    /// <summary>Java's String.hashCode over UTF-16 code units.</summary>
    public static int StringHash(string text)
    {
        var h = 0;
        foreach (var c in text)
            h = unchecked((31 * h) + c);
        return h;
    }

    private static int Spread(int h) => (h ^ (int)((uint)h >> 16)) & 0x7fffffff;

    /// <summary>tryPresize: grow until the table could hold 1.5 × size.</summary>
    private static (Bin[] Table, int SizeCtl) Presize(Bin[] table, int sizeCtl, int size)
    {
        var wanted = TableSizeFor(size + (size >> 1) + 1);
        while (wanted > sizeCtl)
            (table, sizeCtl) = Transfer(table);
        return (table, sizeCtl);
    }

    private static int TableSizeFor(int c)
    {
        var n = 1;
        while (n < c)
            n <<= 1;
        return n;
    }

    private static (Bin[] Table, int SizeCtl) Transfer(Bin[] table)
    {
        var n = table.Length;
        var next = new Bin[n * 2];
        for (var i = n - 1; i >= 0; i--)
        {
            if (table[i] is not { Nodes.Count: > 0 } bin)
                continue;
            var (low, high) = bin.IsTree ? SplitTree(bin, n) : SplitList(bin, n);
            next[i] = low;
            next[i + n] = high;
        }

        return (next, (n * 2) - (n >> 1));
    }

    /// <summary>A list bin: the run of nodes at its end that all go one way stays as it is; the others are pushed in front of it, so they come out reversed.</summary>
    private static (Bin Low, Bin High) SplitList(Bin bin, int n)
    {
        var nodes = bin.Nodes;
        var runBit = nodes[0].Hash & n;
        var lastRun = 0;
        for (var j = 1; j < nodes.Count; j++)
        {
            var b = nodes[j].Hash & n;
            if (b != runBit)
                (runBit, lastRun) = (b, j);
        }

        var tail = nodes.GetRange(lastRun, nodes.Count - lastRun);
        var low = new Bin { Nodes = runBit == 0 ? tail : [] };
        var high = new Bin { Nodes = runBit == 0 ? [] : tail };
        for (var j = 0; j < lastRun; j++)
            ((nodes[j].Hash & n) == 0 ? low : high).Nodes.Insert(0, nodes[j]);
        return (low, high);
    }

    /// <summary>A tree bin splits in order; a half of 6 or fewer becomes a list again.</summary>
    private static (Bin Low, Bin High) SplitTree(Bin bin, int n)
    {
        var low = new Bin { Nodes = [.. bin.Nodes.Where(x => (x.Hash & n) == 0)] };
        var high = new Bin { Nodes = [.. bin.Nodes.Where(x => (x.Hash & n) != 0)] };
        low.IsTree = low.Nodes.Count > UntreeifyThreshold;
        high.IsTree = high.Nodes.Count > UntreeifyThreshold;
        return (low, high);
    }

    private sealed class Bin
    {
        public List<(int Hash, string Key)> Nodes { get; init; } = [];

        public bool IsTree { get; set; }
    }
}

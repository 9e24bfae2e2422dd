namespace ZkCompat.Server.Host.Config;

/// <summary>
/// The order in which Java 17 walks a java.util.Properties loaded from a file. Properties keeps its
/// entries in a ConcurrentHashMap made with capacity 8 (a table of 16), and QuorumMaj puts the
/// server.N entries into its HashMap in that walk's order, so the order decides how members with
/// colliding ids are listed in the config text (PROTOCOL.md §9.2). Emulated: the table, its
/// doubling at 3/4 full, the early growth of a table under 64 when one bin passes eight, and how a
/// transfer splits a bin (the run after the last switch of side keeps its order, the nodes before
/// it are pushed on the front). Not emulated: tree bins, which need nine keys in one bin of a table
/// of 64 or more.
/// </summary>
internal static class JavaPropertiesOrder
{
    public static List<string> Walk(IEnumerable<string> keysInFileOrder)
    {
        var table = NewTable(16);
        var sizeCtl = 12;
        var count = 0;
        foreach (var key in keysInFileOrder)
        {
            var hash = Spread(JavaHashCode(key));
            var bin = table[hash & (table.Length - 1)];
            if (bin.Exists(e => e.Key == key))
                continue;
            var binCount = bin.Count;
            bin.Add((hash, key));
            if (binCount >= 8 && table.Length < 64)
                (table, sizeCtl) = Presize(table, sizeCtl);
            count++;
            while (count >= sizeCtl)
                (table, sizeCtl) = (Transfer(table), (table.Length << 1) - (table.Length >> 1));
        }

        return table.SelectMany(bin => bin).Select(e => e.Key).ToList();
    }

    /// <summary>String.hashCode over UTF-16 code units, with int overflow.</summary>
    public static int JavaHashCode(string text)
    {
        var h = 0;
        foreach (var c in text)
            h = unchecked((31 * h) + c);
        return h;
    }

    private static int Spread(int h) => (h ^ (int)((uint)h >> 16)) & 0x7fffffff;

    private static List<(int Hash, string Key)>[] NewTable(int length) =>
        Enumerable.Range(0, length).Select(_ => new List<(int, string)>()).ToArray();

    /// <summary>tryPresize(n &lt;&lt; 1): transfers until sizeCtl reaches tableSizeFor(1.5 × 2n + 1).</summary>
    private static (List<(int, string)>[], int) Presize(List<(int, string)>[] table, int sizeCtl)
    {
        var size = table.Length << 1;
        var target = 1;
        while (target < size + (size >> 1) + 1)
            target <<= 1;
        while (target > sizeCtl)
            (table, sizeCtl) = (Transfer(table), (table.Length << 1) - (table.Length >> 1));
        return (table, sizeCtl);
    }

    private static List<(int Hash, string Key)>[] Transfer(List<(int Hash, string Key)>[] table)
    {
        var n = table.Length;
        var next = NewTable(n << 1);
        for (var i = 0; i < n; i++)
        {
            var bin = table[i];
            if (bin.Count == 0)
                continue;
            var runBit = bin[0].Hash & n;
            var lastRun = 0;
            for (var p = 1; p < bin.Count; p++)
            {
                if ((bin[p].Hash & n) != runBit)
                    (runBit, lastRun) = (bin[p].Hash & n, p);
            }

            var low = runBit == 0 ? bin[lastRun..] : [];
            var high = runBit != 0 ? bin[lastRun..] : [];
            for (var p = 0; p < lastRun; p++)
                ((bin[p].Hash & n) == 0 ? low : high).Insert(0, bin[p]);
            (next[i], next[i + n]) = (low, high);
        }

        return next;
    }
}

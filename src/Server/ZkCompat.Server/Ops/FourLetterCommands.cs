using System.Buffers.Binary;
using System.Text;

namespace ZkCompat.Server.Ops;

/// <summary>
/// Answers four-letter words (PROTOCOL.md §8.1): the whitelist (srvr always allowed), then the text.
/// stmk reads an 8-byte mask after the word; the connection hands it to <see cref="SetTraceMaskTo"/>.
/// </summary>
internal sealed class FourLetterCommands
{
    public const string SetTraceMask = "stmk";

    private static readonly HashSet<string> s_words = new(StringComparer.Ordinal)
    {
        "conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "ruok", "srvr", "srst", "stat", "wchc", "wchp", "wchs", "mntr", "isro", "hash",
        SetTraceMask,
    };

    /// <summary>Words that answer without a serving engine.</summary>
    private static readonly HashSet<string> s_always = new(StringComparer.Ordinal) { "ruok", "envi", "conf", "gtmk", "isro", "dirs", SetTraceMask };

    private readonly ServerOps _ops;
    private readonly HashSet<string> _enabled;

    public FourLetterCommands(ServerOps ops)
    {
        _ops = ops;
        _enabled = Whitelist(ops.Options.FourLetterWhitelist, ops.Options.ReadOnlyModeEnabled);
    }

    /// <summary>The word when the first four bytes of a fresh connection spell a known command.</summary>
    public static string? WordOf(int firstInt)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, firstInt);
        var word = Encoding.ASCII.GetString(bytes);
        return s_words.Contains(word) ? word : null;
    }

    /// <summary>4lw.commands.whitelist: comma-separated, trimmed, * for all; srvr always (§8.1).</summary>
    public static HashSet<string> Whitelist(string? setting, bool readOnlyMode)
    {
        var enabled = new HashSet<string>(StringComparer.Ordinal) { "srvr" };
        if (readOnlyMode)
            enabled.Add("isro");
        foreach (var name in (setting ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (name == "*")
                enabled.UnionWith(s_words);
            else if (s_words.Contains(name))
                enabled.Add(name);
        }

        return enabled;
    }

    public bool IsEnabled(string word) => _enabled.Contains(word);

    public async Task<string> AnswerAsync(string word)
    {
        if (!_enabled.Contains(word))
            return $"{word} is not executed because it is not in the whitelist.\n";
        var view = s_always.Contains(word) ? null : await _ops.InspectAsync().ConfigureAwait(false);
        if (view is null && !s_always.Contains(word))
            return ServerOps.NotServing + "\n";
        return word switch
        {
            "ruok" => "imok",
            "gtmk" => _ops.TraceMask.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "isro" => "rw",
            "envi" => FourLetterText.Environment(),
            "conf" => FourLetterText.Conf(_ops),
            "dirs" => FourLetterText.Dirs(_ops),
            "srvr" => FourLetterText.Stat(_ops, view!, withClients: false),
            "stat" => FourLetterText.Stat(_ops, view!, withClients: true),
            "cons" => FourLetterText.Cons(_ops),
            "crst" => Do(_ops.Stats.ResetConnections, "Connection stats reset.\n"),
            "srst" => Do(_ops.Stats.Reset, "Server stats reset.\n"),
            "dump" => FourLetterText.Dump(_ops, view!),
            "wchs" => FourLetterText.WatchSummary(view!),
            "wchc" => FourLetterText.WatchesBySession(view!),
            "wchp" => FourLetterText.WatchesByPath(view!),
            "mntr" => MonitorValues.Text(MonitorValues.Build(_ops, view!)),
            "hash" => FourLetterText.Digests(view!),
            _ => "",
        };
    }

    /// <summary>stmk (whitelisted, mask read): Java sets the trace mask and echoes it, without a newline.</summary>
    public string SetTraceMaskTo(long mask)
    {
        _ops.TraceMask = mask;
        return mask.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Do(Action action, string answer)
    {
        action();
        return answer;
    }
}

using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// The scenario DSL. Paths starting with '~' are under the scenario's own root, so scenarios can
/// share a server. Every request states the error code ZooKeeper answers (default OK); that is
/// checked on both servers, so a scenario that misdescribes ZooKeeper fails on Java.
/// </summary>
internal sealed partial class ScenarioBuilder
{
    private static readonly TimeSpan EventBound = TimeSpan.FromSeconds(5);

    private readonly List<Step> _steps = [];
    private readonly RecordText _text;
    private readonly ServerProfile _profile;
    private ScenarioMark? _mark;

    public ScenarioBuilder(string name, ServerProfile profile = ServerProfile.Shared)
    {
        Name = name;
        Root = "/dt-" + name.Replace('/', '-');
        _profile = profile;
        _text = new RecordText(new Normalizer(Root));
    }

    public string Name { get; }

    public string Root { get; }

    /// <summary>"~/x" → "&lt;root&gt;/x", also inside a path ("/zookeeper/quota~"); other paths stay as they are.</summary>
    public string P(string path)
    {
        var at = path.IndexOf('~', StringComparison.Ordinal);
        return at < 0 ? path : path[..at] + Root + path[(at + 1)..];
    }

    public Scenario Build() => new(Name, Root, [.. _steps], _profile, _mark);

    /// <summary>ZkCompat lacks a feature of an open issue; the scenario is expected to fail there until it lands.</summary>
    public ScenarioBuilder WaitsFor(int issue, string note)
    {
        _mark = new ScenarioMark(issue, note);
        return this;
    }

    /// <summary>ZkCompat diverges from Java on something it should already do; the server owner fixes it.</summary>
    public ScenarioBuilder Bug(string note)
    {
        _mark = new ScenarioMark(null, note);
        return this;
    }

    public ScenarioBuilder Add(Step step)
    {
        _steps.Add(step);
        return this;
    }

    public ScenarioBuilder Connect(string conn, ConnectSpec? spec = null) => Add(new ConnectStep(conn, spec ?? new ConnectSpec()));

    /// <summary>The usual start: connection "a" and the scenario root.</summary>
    public ScenarioBuilder Begin() => Connect("a").Create("a", "~");

    /// <summary>A new connection under the same name that resumes its session (a client's reconnect).</summary>
    public ScenarioBuilder Reconnect(string conn, ConnectSpec? spec = null) =>
        Connect(conn, (spec ?? new ConnectSpec()) with { SessionOf = conn });

    /// <summary>Handshake with requests in the same TCP write; <paramref name="requests"/> adds them with the usual helpers.</summary>
    public ScenarioBuilder ConnectPipelined(string conn, Action<ScenarioBuilder> requests, ConnectSpec? spec = null) =>
        Connect(conn, (spec ?? new ConnectSpec()) with { Pipelined = Specs(conn, requests) });

    /// <summary>Several requests in one TCP write; replies are read in order afterwards.</summary>
    public ScenarioBuilder Pipeline(string conn, Action<ScenarioBuilder> requests)
    {
        var specs = Specs(conn, requests);
        return Add(new PipelineStep(conn, specs, "[" + string.Join("; ", specs.Select(s => s.Describe(_text))) + "]"));
    }

    public ScenarioBuilder Request(string conn, OpCode op, IJuteWritable? body, ErrorCode? expect = ErrorCode.Ok, int? xid = null) =>
        Do(conn, new RequestSpec(op, body, expect) { Xid = xid });

    public ScenarioBuilder Do(string conn, RequestSpec spec) => Add(new RequestStep(conn, spec, spec.Describe(_text)));

    public ScenarioBuilder WaitEvent(string conn, EventType type, string path, TimeSpan? bound = null) =>
        Add(new WaitEventStep(conn, type, P(path), path, bound ?? EventBound));

    /// <summary>Ping barrier: everything the server queued for the connection arrives before the reply.</summary>
    public ScenarioBuilder Ping(string conn) => Add(new BarrierStep(conn, expectNoEvents: false));

    /// <summary>Ping barrier asserting that no notification was pending.</summary>
    public ScenarioBuilder NoEvent(string conn) => Add(new BarrierStep(conn, expectNoEvents: true));

    public ScenarioBuilder ExpectClosed(string conn) => Add(new ExpectClosedStep(conn));

    public ScenarioBuilder Drop(string conn) => Add(new DropStep(conn));

    public ScenarioBuilder Expire(string conn) => Add(new ExpireStep(conn));

    public ScenarioBuilder Close(string conn) => Request(conn, OpCode.CloseSession, null).ExpectClosed(conn);

    public ScenarioBuilder SendRaw(string conn, byte[] bytes, string what) => Add(new RawSendStep(conn, bytes, what));

    public ScenarioBuilder FourLetter(string word, string? expectStart = null, bool sortLines = false) =>
        Add(new FourLetterStep(word, expectStart, sortLines));

    private List<RequestSpec> Specs(string conn, Action<ScenarioBuilder> requests)
    {
        var sub = new ScenarioBuilder(Name, _profile);
        requests(sub);
        return sub._steps.Select(s => s is RequestStep r && r.Conn == conn
            ? r.Spec
            : throw new InvalidOperationException($"{Name}: only requests on '{conn}' can be pipelined")).ToList();
    }
}

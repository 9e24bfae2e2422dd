using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Ensemble;

/// <summary>
/// The ensembles every test here runs on: three participants and one observer, all Java (the
/// oracle, which proves the test), all ZkCompat, and mixed both ways, each mixed one with an
/// observer of the minority's kind (issue 9). Theories take the kind's name.
/// </summary>
public static class EnsembleKinds
{
    /// <summary>
    /// The one switch: true once ZkCompat runs a quorum (issue 6); then the ZkCompat and mixed rows run.
    /// Until then ZkCompat takes no part in a quorum, so those rows are skipped.
    /// </summary>
    public const bool ZkCompatQuorumReady = true;

    /// <summary>The Skip of every row with a ZkCompat member; null (run) once <see cref="ZkCompatQuorumReady"/>.</summary>
    public const string? SkipUntilZkCompatQuorum = ZkCompatQuorumReady ? null : "waits for issue 6 (ZkCompat's quorum: FLE and ZAB)";

    public const string Java = "java";
    /// <summary>Named as the server, so the client matrix's expected-fail marks (<see cref="Matrix.CaseVerdict"/>) apply to it.</summary>
    public const string ZkCompat = "zkcompat";
    public const string MixedJavaMajority = "mixed-java-majority";
    public const string MixedZkCompatMajority = "mixed-zkcompat-majority";

    /// <summary>The kinds that run today.</summary>
    internal static readonly string[] JavaKinds = [Java];

    /// <summary>The kinds with ZkCompat members.</summary>
    internal static readonly string[] ZkCompatKinds = [ZkCompat, MixedJavaMajority, MixedZkCompatMajority];

    /// <summary>Rows that run today.</summary>
    public static TheoryData<string> JavaOnly => new(JavaKinds);

    /// <summary>Rows with ZkCompat members: use with <c>Skip = SkipUntilZkCompatQuorum</c>.</summary>
    public static TheoryData<string> WithZkCompat => new(ZkCompatKinds);

    /// <summary>The members of a kind, in server.N order: participants first, the observer last.</summary>
    internal static IReadOnlyList<MemberSpec> Members(string kind) => kind switch
    {
        Java => Of("java", "java", "java", observer: "java"),
        ZkCompat => Of("zkcompat", "zkcompat", "zkcompat", observer: "zkcompat"),
        MixedJavaMajority => Of("java", "java", "zkcompat", observer: "zkcompat"),
        MixedZkCompatMajority => Of("zkcompat", "zkcompat", "java", observer: "java"),
        _ => throw new ArgumentException($"unknown ensemble kind '{kind}'", nameof(kind)),
    };

    private static MemberSpec[] Of(string a, string b, string c, string observer) =>
        [MemberSpec.Participant(a), MemberSpec.Participant(b), MemberSpec.Participant(c), MemberSpec.Observer(observer)];
}

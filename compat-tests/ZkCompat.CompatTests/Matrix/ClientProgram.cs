namespace ZkCompat.CompatTests.Matrix;

/// <summary>
/// A client program of the matrix: a script under clients/ that takes <c>HOST:PORT</c> and case
/// names and prints <c>CASE name PASS|FAIL why</c> per case. One that <see cref="Builds"/> is
/// built once per test run by <c>Script build DIR</c> into a temp directory outside the repository.
/// </summary>
/// <param name="Name">Names the build directory and messages.</param>
/// <param name="Interpreter">Runs <paramref name="Script"/>.</param>
/// <param name="Script">Relative to the output's clients/ folder.</param>
/// <param name="Builds">Whether <c>Script build DIR</c> must run first.</param>
/// <param name="RunArguments">The arguments before the case names, given the build directory and <c>HOST:PORT</c>.</param>
internal sealed record ClientProgram(
    string Name,
    string Interpreter,
    string Script,
    bool Builds,
    Func<string, string, IReadOnlyList<string>> RunArguments)
{
    private const string Bash = "/bin/bash";

    /// <summary>Debian's official Java client (libzookeeper-java) and its bundled lock recipe.</summary>
    public static ClientProgram JavaOfficial { get; } =
        new("java-official", Bash, "java/matrix.sh", Builds: true, (dir, zk) => ["run", dir, "ZkClientMatrix", zk]);

    /// <summary>Apache Curator 5.4 from Debian (libcurator-framework-java, libcurator-recipes-java).</summary>
    public static ClientProgram Curator { get; } =
        new("curator", Bash, "java/matrix.sh", Builds: true, (dir, zk) => ["run", dir, "CuratorMatrix", zk]);

    /// <summary>kazoo 2.8's recipes, through Debian's /usr/bin/python3 (python3-kazoo).</summary>
    public static ClientProgram KazooRecipes { get; } =
        new("kazoo-recipes", "/usr/bin/python3", "python-recipes/kazoo_recipes.py", Builds: false, (_, zk) => [zk]);

    /// <summary>node-zookeeper-client from npm, installed by <c>npm ci</c> from the lock file.</summary>
    public static ClientProgram Node { get; } =
        new("node", Bash, "node/matrix.sh", Builds: true, (dir, zk) => ["run", dir, zk]);

    /// <summary>github.com/samuel/go-zookeeper from Debian, built in GOPATH mode.</summary>
    public static ClientProgram Go { get; } =
        new("go", Bash, "go/matrix.sh", Builds: true, (dir, zk) => ["run", dir, zk]);
}

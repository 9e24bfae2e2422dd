using System.Net;
using System.Text;
using System.Text.Json;

namespace ZkCompat.Server.Ops;

/// <summary>
/// Java's AdminServer (PROTOCOL.md §8.2) on admin.serverAddress:admin.serverPort: GET
/// &lt;commandURL&gt; lists the commands as HTML links, &lt;commandURL&gt;/&lt;name&gt; answers pretty JSON.
/// </summary>
internal sealed class AdminServer : IAsyncDisposable
{
    // Relaxed escaping keeps "+" and "<" readable, as Jackson writes them.
    private static readonly JsonSerializerOptions s_pretty = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly AdminCommands _commands;
    private readonly string _root;
    private readonly HttpEndpoint _http;

    public AdminServer(ServerOps ops, IPEndPoint bind)
    {
        _commands = new AdminCommands(ops);
        _root = ops.Options.AdminCommandUrl.TrimEnd('/');
        _http = new HttpEndpoint(bind, HandleAsync);
        _http.Start();
    }

    public IPEndPoint Endpoint => _http.Endpoint;

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    private async Task<HttpAnswer> HandleAsync(string path, IReadOnlyDictionary<string, string> query)
    {
        if (path == _root || path == _root + "/")
            return new HttpAnswer(200, "text/html", Index());
        if (!path.StartsWith(_root + "/", StringComparison.Ordinal))
            return HttpAnswer.NotFound;
        var name = path[(_root.Length + 1)..];
        var body = await _commands.RunAsync(name, query).ConfigureAwait(false);
        return new HttpAnswer(200, "application/json", body.ToJsonString(s_pretty) + "\n");
    }

    private string Index()
    {
        var html = new StringBuilder("<html>\n<body>\n");
        foreach (var name in AdminCommands.PrimaryNames)
            html.Append("<a href=\"").Append(_root).Append('/').Append(name).Append("\">").Append(name).Append("</a><br/>\n");
        return html.Append("</body>\n</html>\n").ToString();
    }
}

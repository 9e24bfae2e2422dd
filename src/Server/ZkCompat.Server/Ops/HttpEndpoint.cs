using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZkCompat.Server.Ops;

/// <summary>
/// A small HTTP/1.1 GET server over a socket, for the AdminServer and the metrics endpoint: one
/// request per connection (Connection: close). It binds port 0 without a race and starts in
/// microseconds, which Kestrel does not (start time and idle memory are product features).
/// </summary>
internal sealed class HttpEndpoint : IAsyncDisposable
{
    private const int MaxHeaderBytes = 16 * 1024;
    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly Func<string, IReadOnlyDictionary<string, string>, Task<HttpAnswer>> _handler;
    private readonly ConcurrentDictionary<Task, byte> _serving = new();
    private Task _accepting = Task.CompletedTask;

    public HttpEndpoint(IPEndPoint bind, Func<string, IReadOnlyDictionary<string, string>, Task<HttpAnswer>> handler)
    {
        _handler = handler;
        _socket = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(bind);
        _socket.Listen(64);
        Endpoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint Endpoint { get; }

    public void Start() => _accepting = AcceptLoopAsync();

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _accepting.ConfigureAwait(false);
        await Task.WhenAll(_serving.Keys).ConfigureAwait(false);
    }

    /// <summary>Splits "/path?a=b&amp;c" into the path and its decoded query parameters.</summary>
    public static (string Path, Dictionary<string, string> Query) ParseTarget(string target)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var mark = target.IndexOf('?', StringComparison.Ordinal);
        if (mark < 0)
            return (Uri.UnescapeDataString(target), query);
        foreach (var pair in target[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            query[key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }

        return (Uri.UnescapeDataString(target[..mark]), query);
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var serving = ServeAsync(client);
            _serving[serving] = 0;
            _ = serving.ContinueWith(t => _serving.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield();
        using var stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            using var deadline = new CancellationTokenSource(s_readTimeout);
            var head = await ReadHeadAsync(stream, deadline.Token).ConfigureAwait(false);
            var answer = await AnswerAsync(head).ConfigureAwait(false);
            var body = Encoding.UTF8.GetBytes(answer.Body);
            var header = $"HTTP/1.1 {answer.Status} {Reason(answer.Status)}\r\nContent-Type: {answer.ContentType}\r\n"
                + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(header), deadline.Token).ConfigureAwait(false);
            if (!head.StartsWith("HEAD ", StringComparison.Ordinal))
                await stream.WriteAsync(body, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or InvalidDataException)
        {
            // A client that went away or sent garbage gets nothing more.
        }
    }

    private async Task<HttpAnswer> AnswerAsync(string head)
    {
        var requestLine = head[..head.IndexOf('\r', StringComparison.Ordinal)].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/", StringComparison.Ordinal))
            return new HttpAnswer(400, "text/plain; charset=utf-8", "Bad Request\n");
        if (requestLine[0] is not ("GET" or "HEAD"))
            return new HttpAnswer(405, "text/plain; charset=utf-8", "Method Not Allowed\n");
        var (path, query) = ParseTarget(requestLine[1]);
        return await _handler(path, query).ConfigureAwait(false);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var buffer = new byte[MaxHeaderBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellation).ConfigureAwait(false);
            if (read == 0)
                throw new InvalidDataException("closed before the request head ended");
            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
                return text;
        }

        throw new InvalidDataException("request head too large");
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
}

namespace ZkCompat.Server.Sessions;

/// <summary>
/// Sessions and their expiry buckets: a session expires at now + timeout rounded up to a multiple
/// of tickTime, and every touch moves it to a later bucket (PROTOCOL.md §2.5).
/// </summary>
internal sealed class SessionTracker
{
    private readonly Dictionary<long, Session> _sessions = [];
    private readonly Dictionary<long, HashSet<Session>> _buckets = [];
    private readonly int _tickMs;
    private long _nextId;
    private long _nextExpiryMs;

    public SessionTracker(long serverId, int tickMs, long nowMs)
    {
        _tickMs = tickMs;
        _nextId = InitialId(serverId, nowMs);
        _nextExpiryMs = RoundUp(nowMs);
    }

    public int Count => _sessions.Count;

    public IEnumerable<Session> All => _sessions.Values;

    /// <summary>high byte = server id, then 40 bits of milliseconds, low 16 bits counting (§2.4).</summary>
    public static long InitialId(long serverId, long nowMs)
    {
        var id = (long)((ulong)(nowMs << 24) >> 8) | (serverId << 56);
        return id == long.MinValue ? id + 1 : id;
    }

    public long NextId() => _nextId++;

    public Session? Get(long id) => _sessions.GetValueOrDefault(id);

    public Session Add(long id, int timeoutMs, long nowMs)
    {
        var session = new Session(id, timeoutMs);
        _sessions[id] = session;
        Touch(session, timeoutMs, nowMs);
        return session;
    }

    public void Touch(Session session, int timeoutMs, long nowMs)
    {
        if (session.Closing)
            return;
        var expiresAt = RoundUp(nowMs + timeoutMs);
        if (expiresAt == session.ExpiresAtMs)
            return;
        Unbucket(session);
        session.ExpiresAtMs = expiresAt;
        if (!_buckets.TryGetValue(expiresAt, out var bucket))
            _buckets[expiresAt] = bucket = [];
        bucket.Add(session);
    }

    public void Remove(long id)
    {
        if (_sessions.Remove(id, out var session))
            Unbucket(session);
    }

    /// <summary>Sessions whose bucket time has passed; they are marked closing and leave their buckets.</summary>
    public List<Session> TakeExpired(long nowMs)
    {
        var expired = new List<Session>();
        while (_nextExpiryMs <= nowMs)
        {
            if (_buckets.Remove(_nextExpiryMs, out var bucket))
            {
                foreach (var session in bucket)
                {
                    session.Closing = true;
                    expired.Add(session);
                }
            }

            _nextExpiryMs += _tickMs;
        }

        return expired;
    }

    private void Unbucket(Session session)
    {
        if (_buckets.TryGetValue(session.ExpiresAtMs, out var bucket))
        {
            bucket.Remove(session);
            if (bucket.Count == 0)
                _buckets.Remove(session.ExpiresAtMs);
        }
    }

    private long RoundUp(long ms) => ((ms / _tickMs) + 1) * _tickMs;
}

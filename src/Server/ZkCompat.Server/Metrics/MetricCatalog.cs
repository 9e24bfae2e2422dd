namespace ZkCompat.Server.Metrics;

/// <summary>
/// Java 3.8.0's metrics, as its ServerMetrics constructor registers them (that order decides
/// mntr's order, through <see cref="JavaHashOrder"/>), and the gauges each role registers.
/// Lines marked "measured" get real values here; every other metric belongs to machinery this
/// server does not have (the Prep/Sync/Commit processor queues, the response cache, learners and
/// proposals, Netty, JVM pauses, request throttling by count) and stays at Java's idle value: 0,
/// or 0.0 for an average, as Java prints an empty counter or summary.
/// </summary>
internal static class MetricCatalog
{
    public static IReadOnlyList<(MetricKind Kind, string Name)> Registrations { get; } =
    [
        (MetricKind.Summary, "fsynctime"), // measured: txn log fsync (forceSync)
        (MetricKind.Summary, "snapshottime"), // measured: snapshot writes
        (MetricKind.Summary, "dbinittime"), // measured: recovery at start
        (MetricKind.PercentileSummary, "readlatency"), // measured: reads, arrival to reply
        (MetricKind.PercentileSummary, "updatelatency"), // measured: writes, arrival to reply
        (MetricKind.PercentileSummary, "propagation_latency"),
        (MetricKind.Summary, "follower_sync_time"),
        (MetricKind.Summary, "observer_sync_time"),
        (MetricKind.Summary, "election_time"),
        (MetricKind.Counter, "looking_count"),
        (MetricKind.Counter, "diff_count"),
        (MetricKind.Counter, "snap_count"),
        (MetricKind.Counter, "commit_count"),
        (MetricKind.Counter, "connection_request_count"), // measured: ConnectRequests
        (MetricKind.Summary, "connection_token_deficit"), // measured: the connection throttle
        (MetricKind.Counter, "connection_rejected"), // measured: maxCnxns, maxClientCnxns, the connection throttle
        (MetricKind.Summary, "inflight_snap_count"),
        (MetricKind.Summary, "inflight_diff_count"),
        (MetricKind.SummarySet, "write_per_namespace"), // measured: tree writes
        (MetricKind.SummarySet, "read_per_namespace"), // measured: tree reads
        (MetricKind.Counter, "bytes_received_count"), // measured: frames and 4lw in
        (MetricKind.Counter, "unrecoverable_error_count"),
        (MetricKind.Summary, "node_created_watch_count"), // measured: watch triggers
        (MetricKind.Summary, "node_deleted_watch_count"), // measured: watch triggers
        (MetricKind.Summary, "node_changed_watch_count"), // measured: watch triggers
        (MetricKind.Summary, "node_children_watch_count"), // measured: watch triggers
        (MetricKind.Counter, "add_dead_watcher_stall_time"),
        (MetricKind.Counter, "dead_watchers_queued"),
        (MetricKind.Counter, "dead_watchers_cleared"),
        (MetricKind.PercentileSummary, "dead_watchers_cleaner_latency"),
        (MetricKind.Counter, "response_packet_cache_hits"),
        (MetricKind.Counter, "response_packet_cache_misses"),
        (MetricKind.Counter, "response_packet_get_children_cache_hits"),
        (MetricKind.Counter, "response_packet_get_children_cache_misses"),
        (MetricKind.Counter, "ensemble_auth_success"),
        (MetricKind.Counter, "ensemble_auth_fail"),
        (MetricKind.Counter, "ensemble_auth_skip"),
        (MetricKind.PercentileSummary, "prep_processor_queue_time_ms"),
        (MetricKind.Summary, "prep_processor_queue_size"),
        (MetricKind.Counter, "prep_processor_request_queued"),
        (MetricKind.Counter, "outstanding_changes_queued"),
        (MetricKind.Counter, "outstanding_changes_removed"),
        (MetricKind.Summary, "prep_process_time"),
        (MetricKind.Summary, "proposal_process_time"),
        (MetricKind.PercentileSummary, "close_session_prep_time"),
        (MetricKind.Counter, "revalidate_count"),
        (MetricKind.Counter, "connection_drop_count"), // measured: clients that hung up
        (MetricKind.Counter, "connection_revalidate_count"),
        (MetricKind.Counter, "sessionless_connections_expired"), // measured: handshake timeouts
        (MetricKind.Counter, "stale_sessions_expired"), // measured: session expiry
        (MetricKind.Summary, "unavailable_time"),
        (MetricKind.Summary, "leader_unavailable_time"),
        (MetricKind.Summary, "requests_in_session_queue"),
        (MetricKind.Summary, "pending_session_queue_size"),
        (MetricKind.Summary, "reads_after_write_in_session_queue"),
        (MetricKind.Summary, "reads_issued_from_session_queue"),
        (MetricKind.Summary, "session_queues_drained"),
        (MetricKind.Summary, "time_waiting_empty_pool_in_commit_processor_read_ms"),
        (MetricKind.Summary, "write_batch_time_in_commit_processor"),
        (MetricKind.Summary, "concurrent_request_processing_in_commit_processor"),
        (MetricKind.Summary, "read_commit_proc_req_queued"),
        (MetricKind.Summary, "write_commit_proc_req_queued"),
        (MetricKind.Summary, "commit_commit_proc_req_queued"),
        (MetricKind.Counter, "request_commit_queued"),
        (MetricKind.Summary, "read_commit_proc_issued"),
        (MetricKind.Summary, "write_commit_proc_issued"),
        (MetricKind.Counter, "throttled_ops"),
        (MetricKind.PercentileSummary, "read_commitproc_time_ms"),
        (MetricKind.PercentileSummary, "write_commitproc_time_ms"),
        (MetricKind.PercentileSummary, "local_write_committed_time_ms"),
        (MetricKind.PercentileSummary, "server_write_committed_time_ms"),
        (MetricKind.Summary, "commit_process_time"),
        (MetricKind.PercentileSummary, "om_proposal_process_time_ms"),
        (MetricKind.PercentileSummary, "om_commit_process_time_ms"),
        (MetricKind.PercentileSummary, "read_final_proc_time_ms"),
        (MetricKind.PercentileSummary, "write_final_proc_time_ms"),
        (MetricKind.PercentileSummary, "proposal_latency"),
        (MetricKind.PercentileSummary, "proposal_ack_creation_latency"),
        (MetricKind.PercentileSummary, "commit_propagation_latency"),
        (MetricKind.Counter, "learner_proposal_received_count"),
        (MetricKind.Counter, "learner_commit_received_count"),
        (MetricKind.SummarySet, "learner_handler_qp_size"),
        (MetricKind.PercentileSummarySet, "learner_handler_qp_time_ms"),
        (MetricKind.Summary, "startup_txns_loaded"), // measured: recovery at start
        (MetricKind.Summary, "startup_txns_load_time"), // measured: recovery at start
        (MetricKind.Summary, "startup_snap_load_time"), // measured: recovery at start
        (MetricKind.PercentileSummary, "sync_processor_queue_and_flush_time_ms"),
        (MetricKind.Summary, "sync_processor_queue_size"),
        (MetricKind.Counter, "sync_processor_request_queued"),
        (MetricKind.PercentileSummary, "sync_processor_queue_time_ms"),
        (MetricKind.PercentileSummary, "sync_processor_queue_flush_time_ms"),
        (MetricKind.Summary, "sync_process_time"),
        (MetricKind.Summary, "sync_processor_batch_size"),
        (MetricKind.PercentileSummary, "quorum_ack_latency"),
        (MetricKind.PercentileSummarySet, "ack_latency"),
        (MetricKind.Counter, "proposal_count"),
        (MetricKind.Counter, "quit_leading_due_to_disloyal_voter"),
        (MetricKind.Counter, "stale_requests"),
        (MetricKind.Counter, "stale_requests_dropped"),
        (MetricKind.Counter, "stale_replies"),
        (MetricKind.PercentileSummary, "request_throttle_queue_time_ms"),
        (MetricKind.Counter, "request_throttle_wait_count"),
        (MetricKind.Counter, "large_requests_rejected"),
        (MetricKind.Summary, "netty_queued_buffer_capacity"),
        (MetricKind.Counter, "digest_mismatches_count"),
        (MetricKind.Summary, "learner_request_processor_queue_size"),
        (MetricKind.Counter, "unsuccessful_handshake"),
        (MetricKind.Counter, "insecure_admin_count"),
        (MetricKind.Counter, "tls_handshake_exceeded"),
        (MetricKind.Counter, "cnxn_closed_without_zk_server_running"),
        (MetricKind.Counter, "skip_learner_request_to_next_processor_count"),
        (MetricKind.Summary, "socket_closing_time"),
        (MetricKind.Counter, "requests_not_forwarded_to_commit_processor"),
        (MetricKind.Counter, "response_bytes"), // measured: replies out
        (MetricKind.Counter, "watch_bytes"), // measured: notifications out
        (MetricKind.PercentileSummary, "jvm_pause_time_ms"),
        (MetricKind.CounterSet, "quota_exceeded_error_per_namespace"), // measured: hard quota refusals
    ];

    /// <summary>ZooKeeperServer.registerMetrics, every role (all measured).</summary>
    public static IReadOnlyList<string> ServerGauges { get; } =
    [
        "avg_latency", "max_latency", "min_latency", "packets_received", "packets_sent", "num_alive_connections",
        "outstanding_requests", "uptime", "znode_count", "watch_count", "ephemerals_count", "approximate_data_size",
        "global_sessions", "local_sessions", "open_file_descriptor_count", "max_file_descriptor_count",
        "connection_drop_probability", "last_client_response_size", "max_client_response_size", "min_client_response_size",
        "outstanding_tls_handshake", "auth_failed_count", "non_mtls_remote_conn_count", "non_mtls_local_conn_count",
    ];

    /// <summary>The per-namespace quota gauge sets (QuotaMetricsUtils), printed as <c>namespace_name</c>.</summary>
    public static IReadOnlyList<string> QuotaGaugeSets { get; } =
    [
        "quota_count_limit_per_namespace", "quota_bytes_limit_per_namespace",
        "quota_count_usage_per_namespace", "quota_bytes_usage_per_namespace",
    ];

    /// <summary>QuorumZooKeeperServer adds quorum_size; the leader and follower servers add theirs after it.</summary>
    public static IReadOnlyList<string> RoleGauges(string role) => role switch
    {
        "leader" =>
        [
            "quorum_size", "learners", "synced_followers", "synced_non_voting_followers", "synced_observers", "pending_syncs",
            "leader_uptime", "last_proposal_size", "max_proposal_size", "min_proposal_size",
        ],
        "follower" => ["quorum_size", "synced_observers"],
        "observer" => ["quorum_size"],
        _ => [],
    };
}

import GRDB

/// The schema, one named migration per step. Never edit a migration that has shipped: add one.
///
/// Times are REAL seconds since 1970 (UTC), so SQL can use `datetime(started_at, 'unixepoch')`;
/// JSON columns hold compact text with sorted keys.
enum StoreMigrations {
    static let names = ["createCalls", "createTrail", "createBindings", "createQueueLog", "createAgentStates", "addBindingTarget",
                        "addCallAMD", "createQueueCallbacks", "createCampaigns"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createCalls") { db in
            try db.execute(sql: """
                CREATE TABLE calls (
                    id TEXT PRIMARY KEY NOT NULL,
                    sip_call_id TEXT NOT NULL,
                    caller TEXT NOT NULL,
                    callee TEXT NOT NULL,
                    direction TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    answered_at REAL,
                    ended_at REAL,
                    duration_seconds REAL,
                    disposition TEXT,
                    hangup_by TEXT,
                    hangup_reason TEXT,
                    route TEXT,
                    scenario TEXT,
                    errors TEXT NOT NULL DEFAULT '[]',
                    vars TEXT NOT NULL DEFAULT '{}',
                    recording_path TEXT,
                    rating INTEGER
                );
                CREATE INDEX calls_started_at ON calls(started_at);
                CREATE INDEX calls_sip_call_id ON calls(sip_call_id);
                """)
        }
        migrator.registerMigration("createTrail") { db in
            // No foreign key to calls: a trail may be written before the first saveCall lands.
            try db.execute(sql: """
                CREATE TABLE trail (
                    call_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    at REAL NOT NULL,
                    kind TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    PRIMARY KEY (call_id, seq)
                );
                """)
        }
        migrator.registerMigration("createBindings") { db in
            try db.execute(sql: """
                CREATE TABLE bindings (
                    aor TEXT NOT NULL,
                    contact TEXT NOT NULL,
                    expires_at REAL NOT NULL,
                    source TEXT NOT NULL,
                    user_agent TEXT,
                    PRIMARY KEY (aor, contact)
                );
                CREATE INDEX bindings_expires_at ON bindings(expires_at);
                """)
        }
        migrator.registerMigration("createQueueLog") { db in
            // Append-only; `id` keeps the order of lines written in the same second.
            try db.execute(sql: """
                CREATE TABLE queue_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time REAL NOT NULL,
                    queue TEXT,
                    call_id TEXT,
                    agent TEXT,
                    event TEXT NOT NULL,
                    wait_seconds REAL,
                    talk_seconds REAL,
                    reason TEXT
                );
                CREATE INDEX queue_log_time ON queue_log(time);
                CREATE INDEX queue_log_queue ON queue_log(queue);
                """)
        }
        migrator.registerMigration("createAgentStates") { db in
            // What agents chose (logged out, paused with a reason, logged in to some queues), so a
            // restart keeps it; absent: the default, logged in to every configured queue.
            try db.execute(sql: """
                CREATE TABLE agent_states (
                    agent TEXT PRIMARY KEY,
                    state TEXT NOT NULL,
                    reason TEXT,
                    queues TEXT
                );
                """)
        }
        migrator.registerMigration("addBindingTarget") { db in
            // Where a phone behind a NAT is reached (its REGISTER's source), beside its Contact.
            try db.execute(sql: "ALTER TABLE bindings ADD COLUMN target TEXT;")
        }
        migrator.registerMigration("addCallAMD") { db in
            // Answering-machine detection's verdict on a call that ran it: human, machine, not_sure.
            try db.execute(sql: "ALTER TABLE calls ADD COLUMN amd TEXT;")
        }
        migrator.registerMigration("createQueueCallbacks") { db in
            // Callbacks waiting for their call back, so a restart keeps them in their place
            // (priority and arrival); a row goes once the callback is completed or dropped.
            try db.execute(sql: """
                CREATE TABLE queue_callbacks (
                    call_id TEXT PRIMARY KEY,
                    queue TEXT NOT NULL,
                    priority INTEGER NOT NULL,
                    skills TEXT NOT NULL,
                    number TEXT NOT NULL,
                    caller_number TEXT NOT NULL,
                    caller_name TEXT,
                    vars TEXT NOT NULL,
                    joined_at REAL NOT NULL,
                    requested_at REAL NOT NULL,
                    attempts INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("createCampaigns") { db in
            try db.execute(sql: CampaignSchema.create)
        }
        return migrator
    }
}

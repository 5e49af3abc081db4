/// The campaign tables (docs/outbound.md#campaigns). A campaign's definition is JSON, so settings
/// can be added without a migration; its state is a column, so `UPDATE campaigns SET state =
/// 'paused'` in the sqlite3 shell pauses it like the CLI does. `UNIQUE (contact_id, attempt)`
/// makes a second row for the same attempt of a contact impossible.
enum CampaignSchema {
    static let create = """
        CREATE TABLE campaigns (
            name TEXT PRIMARY KEY NOT NULL,
            definition TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE TABLE campaign_contacts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            campaign TEXT NOT NULL REFERENCES campaigns(name) ON DELETE CASCADE,
            number TEXT NOT NULL,
            time_zone TEXT,
            vars TEXT NOT NULL DEFAULT '{}',
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            last_outcome TEXT,
            next_attempt_at REAL NOT NULL DEFAULT 0,
            reserved_by TEXT,
            UNIQUE (campaign, number)
        );
        CREATE INDEX campaign_contacts_due ON campaign_contacts(campaign, state, next_attempt_at);
        CREATE TABLE campaign_attempts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            campaign TEXT NOT NULL,
            contact_id INTEGER NOT NULL REFERENCES campaign_contacts(id) ON DELETE CASCADE,
            attempt INTEGER NOT NULL,
            call_id TEXT,
            state TEXT NOT NULL,
            started_at REAL NOT NULL,
            answered_at REAL,
            ended_at REAL,
            outcome TEXT,
            disposition TEXT,
            amd TEXT,
            UNIQUE (contact_id, attempt)
        );
        CREATE INDEX campaign_attempts_campaign ON campaign_attempts(campaign, state);
        CREATE INDEX campaign_attempts_call ON campaign_attempts(call_id);
        CREATE TABLE do_not_call (
            number TEXT PRIMARY KEY NOT NULL,
            added_at REAL NOT NULL,
            note TEXT
        );
        """
}

/// 0005: what the web application needs to know who is working: a sign-in name and a bcrypt hash
/// for each person, the browser sessions, per-person API tokens (their SHA-256 only), and failed
/// sign-ins for throttling.
///
/// Sessions and failures live in the database, not in the server's memory: several server
/// processes may share one PostgreSQL database (DESIGN, "Data"), and a restart must not sign
/// everyone out.
let accounts = Migration(id: "0005_accounts", summary: "sign-in names, password hashes, sessions, API tokens")
{
    _ in
    // Instants are ISO 8601 UTC text (`StoreClock`), as in the other tables.
    [
        // A sign-in name is unique in the installation: the sign-in page does not know the
        // organization. NULL (no sign-in) may repeat in both databases.
        "ALTER TABLE people ADD COLUMN login TEXT CHECK (login IS NULL OR length(login) BETWEEN 1 AND 64)",
        "ALTER TABLE people ADD COLUMN password_hash TEXT",
        "ALTER TABLE people ADD COLUMN created_at TEXT",
        "CREATE UNIQUE INDEX people_login ON people (login)",
        """
        CREATE TABLE web_sessions (
            id TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX web_sessions_expiry ON web_sessions (expires_at)",
        """
        CREATE TABLE api_tokens (
            token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
            person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_used_at TEXT
        )
        """,
        "CREATE INDEX api_tokens_person ON api_tokens (person_id)",
        """
        CREATE TABLE sign_in_failures (
            key TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """,
        "CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at)",
    ]
}

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>The schema as an append-only list of migrations; index N upgrades user_version N to N+1.</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE users (
            spotify_id TEXT NOT NULL PRIMARY KEY,
            account_id TEXT NULL,
            display_name TEXT NULL,
            email TEXT NULL,
            encrypted_access_token TEXT NULL,
            encrypted_refresh_token TEXT NULL,
            token_expires_at INTEGER NULL,
            consented_at INTEGER NULL,
            joined_at INTEGER NOT NULL,
            has_initial_import INTEGER NOT NULL DEFAULT 0,
            has_full_import INTEGER NOT NULL DEFAULT 0,
            last_check_at INTEGER NULL,
            time_zone TEXT NOT NULL DEFAULT 'UTC',
            link_state INTEGER NOT NULL DEFAULT 0,
            relink_reminder_sent_at INTEGER NULL
        );
        CREATE INDEX ix_users_link_state ON users (link_state);

        CREATE TABLE plays (
            user_id TEXT NOT NULL,
            played_at INTEGER NOT NULL,
            track_id TEXT NOT NULL,
            track_name TEXT NOT NULL,
            artist_id TEXT NULL,
            artist_name TEXT NOT NULL,
            album_id TEXT NULL,
            album_name TEXT NULL,
            duration_ms INTEGER NOT NULL,
            ms_played INTEGER NOT NULL,
            source INTEGER NOT NULL,
            track_key TEXT NOT NULL,
            artist_key TEXT NOT NULL,
            album_key TEXT NOT NULL
        );
        -- The same unique key and time index as the MongoDB backend.
        CREATE UNIQUE INDEX ux_plays_user_played_track ON plays (user_id, played_at, track_id);
        CREATE INDEX ix_plays_user_played_desc ON plays (user_id, played_at DESC);

        CREATE TABLE chat_links (
            platform TEXT NOT NULL,
            chat_user_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            PRIMARY KEY (platform, chat_user_id)
        );
        CREATE INDEX ix_chat_links_user ON chat_links (user_id);

        CREATE TABLE import_jobs (
            id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            status INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            total_tracks INTEGER NOT NULL DEFAULT 0,
            processed_tracks INTEGER NOT NULL DEFAULT 0,
            inserted INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            skipped_by_reason TEXT NOT NULL DEFAULT '{}',
            error TEXT NULL,
            created_at INTEGER NOT NULL,
            started_at INTEGER NULL,
            completed_at INTEGER NULL
        );
        CREATE INDEX ix_import_jobs_user ON import_jobs (user_id, created_at DESC);
        -- At most one pending/processing import per user.
        CREATE UNIQUE INDEX ux_import_jobs_active ON import_jobs (user_id) WHERE status IN (0, 1);
        """,
        """
        CREATE TABLE server_settings (
            server_id TEXT NOT NULL PRIMARY KEY,
            weekly_channel_id TEXT NULL,
            weekly_enabled INTEGER NOT NULL DEFAULT 0,
            weekly_disabled_reason TEXT NULL,
            time_zone TEXT NOT NULL DEFAULT 'UTC'
        );
        CREATE INDEX ix_server_settings_weekly ON server_settings (weekly_enabled);

        CREATE TABLE visible_members (
            server_id TEXT NOT NULL,
            chat_user_id TEXT NOT NULL,
            display_name TEXT NULL,
            since INTEGER NOT NULL,
            PRIMARY KEY (server_id, chat_user_id)
        );
        CREATE INDEX ix_visible_members_user ON visible_members (chat_user_id);

        CREATE TABLE weekly_subscriptions (
            platform TEXT NOT NULL,
            chat_user_id TEXT NOT NULL,
            PRIMARY KEY (platform, chat_user_id)
        );

        -- One row per (target, week): the primary key is what makes a weekly summary post at most once.
        CREATE TABLE summary_ledger (
            target_key TEXT NOT NULL,
            week TEXT NOT NULL,
            state INTEGER NOT NULL,
            nonce TEXT NOT NULL,
            decided_at INTEGER NOT NULL,
            completed_at INTEGER NULL,
            detail TEXT NULL,
            PRIMARY KEY (target_key, week)
        );
        """,
        // 2: exact all-time rollups: per user, kind (0 tracks, 1 artists, 2 albums), key and spelling, kept by
        // SqlitePlayStore's writes, so an all-time top list sums a few thousand rows instead of grouping every play.
        // artist is '' for the artist kind (primary key columns cannot be NULL).
        """
        CREATE TABLE play_rollups (
            user_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            artist TEXT NOT NULL,
            plays INTEGER NOT NULL,
            ms INTEGER NOT NULL,
            first_at INTEGER NOT NULL,
            last_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, kind, key, name, artist)
        ) WITHOUT ROWID;

        INSERT INTO play_rollups (user_id, kind, key, name, artist, plays, ms, first_at, last_at)
        SELECT user_id, 0, track_key, track_name, artist_name, COUNT(*), SUM(ms_played), MIN(played_at), MAX(played_at)
        FROM plays GROUP BY user_id, track_key, track_name, artist_name;
        INSERT INTO play_rollups (user_id, kind, key, name, artist, plays, ms, first_at, last_at)
        SELECT user_id, 1, artist_key, artist_name, '', COUNT(*), SUM(ms_played), MIN(played_at), MAX(played_at)
        FROM plays GROUP BY user_id, artist_key, artist_name;
        INSERT INTO play_rollups (user_id, kind, key, name, artist, plays, ms, first_at, last_at)
        SELECT user_id, 2, album_key, album_name, artist_name, COUNT(*), SUM(ms_played), MIN(played_at), MAX(played_at)
        FROM plays WHERE album_name IS NOT NULL AND album_name <> '' GROUP BY user_id, album_key, album_name, artist_name;
        """,
        // 3: account-data plays get their own source (2) and a per-stream id (song id + '@' + ms_played), the shape
        // AccountDataTrackId.ForStream gives new imports, so re-importing an account-data export after upgrading adds nothing.
        """
        UPDATE plays SET source = 2, track_id = track_id || '@' || ms_played
        WHERE source = 1 AND track_id LIKE 'local:track:%' AND instr(track_id, '@') = 0;
        """,
        // 4: the e-mail is no longer stored (the product never used it); links are looked up by Spotify's account_id.
        """
        ALTER TABLE users DROP COLUMN email;
        CREATE INDEX ix_users_account_id ON users (account_id);
        """,
        // 5: the process running an import and its lease, so a killed import is recognised by the next one.
        """
        ALTER TABLE import_jobs ADD COLUMN owner TEXT NULL;
        ALTER TABLE import_jobs ADD COLUMN lease_expires_at INTEGER NULL;
        """,
        // 6: Spotify's app-wide pause survives a restart (Retry-After values of 24 hours are reported).
        """
        CREATE TABLE spotify_pause (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            since INTEGER NOT NULL,
            requests_until INTEGER NOT NULL,
            polling_until INTEGER NOT NULL,
            users_told_at INTEGER NULL
        );
        """,
        // 7: moves of plays between user ids that are not finished (a link's move completes at the next start if cut short).
        """
        CREATE TABLE play_moves (
            from_user_id TEXT NOT NULL PRIMARY KEY,
            to_user_id TEXT NOT NULL,
            requested_at INTEGER NOT NULL
        );
        """,
        // 8: exact rollups per user, kind, UTC calendar day (days since 1970-01-01) and spelling (PlayDayRollups), kept
        // by the same writes as play_rollups: a period's top list sums the whole UTC days inside it and groups only the
        // plays of its two partial edge days.
        """
        CREATE TABLE play_day_rollups (
            user_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            day INTEGER NOT NULL,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            artist TEXT NOT NULL,
            plays INTEGER NOT NULL,
            ms INTEGER NOT NULL,
            first_at INTEGER NOT NULL,
            last_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, kind, day, key, name, artist)
        ) WITHOUT ROWID;

        INSERT INTO play_day_rollups (user_id, kind, day, key, name, artist, plays, ms, first_at, last_at)
        SELECT user_id, 0, ((played_at - ((played_at % 86400000) + 86400000) % 86400000) / 86400000), track_key, track_name, artist_name, COUNT(*), SUM(ms_played), MIN(played_at), MAX(played_at)
        FROM plays GROUP BY user_id, ((played_at - ((played_at % 86400000) + 86400000) % 86400000) / 86400000), track_key, track_name, artist_name;
        INSERT INTO play_day_rollups (user_id, kind, day, key, name, artist, plays, ms, first_at, last_at)
        SELECT user_id, 1, ((played_at - ((played_at % 86400000) + 86400000) % 86400000) / 86400000), artist_key, artist_name, '', COUNT(*), SUM(ms_played), MIN(played_at), MAX(played_at)
        FROM plays GROUP BY user_id, ((played_at - ((played_at % 86400000) + 86400000) % 86400000) / 86400000), artist_key, artist_name;
        INSERT INTO play_day_rollups (user_id, kind, day, key, name, artist, plays, ms, first_at, last_at)
        SELECT user_id, 2, ((played_at - ((played_at % 86400000) + 86400000) % 86400000) / 86400000), album_key, album_name, artist_name, COUNT(*), SUM(ms_played), MIN(played_at), MAX(played_at)
        FROM plays WHERE album_name IS NOT NULL AND album_name <> '' GROUP BY user_id, ((played_at - ((played_at % 86400000) + 86400000) % 86400000) / 86400000), album_key, album_name, artist_name;
        """,
        // 9 (issue 16): how an extended-history play happened; NULL on tracked and account-data plays (unknown).
        """
        ALTER TABLE plays ADD COLUMN skipped INTEGER NULL;
        ALTER TABLE plays ADD COLUMN reason_start TEXT NULL;
        ALTER TABLE plays ADD COLUMN reason_end TEXT NULL;
        ALTER TABLE plays ADD COLUMN shuffle INTEGER NULL;
        ALTER TABLE plays ADD COLUMN platform TEXT NULL;
        ALTER TABLE plays ADD COLUMN offline INTEGER NULL;
        """,
        // 10 (issue 16): podcast episodes and audiobook chapters from the extended history, apart from music plays (no
        // music query reads this table), with the same unique key shape; and the import counts of those entries.
        """
        CREATE TABLE episode_plays (
            user_id TEXT NOT NULL,
            played_at INTEGER NOT NULL,
            episode_id TEXT NOT NULL,
            episode_name TEXT NOT NULL,
            show_name TEXT NOT NULL,
            kind INTEGER NOT NULL,
            ms_played INTEGER NOT NULL,
            source INTEGER NOT NULL,
            PRIMARY KEY (user_id, played_at, episode_id)
        ) WITHOUT ROWID;

        ALTER TABLE import_jobs ADD COLUMN episodes_inserted INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE import_jobs ADD COLUMN episode_duplicates INTEGER NOT NULL DEFAULT 0;
        """,
        // 11 (issue 17): exact rollups per user, kind, UTC calendar month (the day number of its first day) and spelling,
        // kept by the same writes: a long range's whole months are read as one row per key and month instead of one per
        // day. Built from the day rows, which hold the same plays.
        """
        CREATE TABLE play_month_rollups (
            user_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            month INTEGER NOT NULL,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            artist TEXT NOT NULL,
            plays INTEGER NOT NULL,
            ms INTEGER NOT NULL,
            first_at INTEGER NOT NULL,
            last_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, kind, month, key, name, artist)
        ) WITHOUT ROWID;

        INSERT INTO play_month_rollups (user_id, kind, month, key, name, artist, plays, ms, first_at, last_at)
        SELECT user_id, kind, CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400 AS month_start,
               key, name, artist, SUM(plays), SUM(ms), MIN(first_at), MAX(last_at)
        FROM play_day_rollups GROUP BY user_id, kind, month_start, key, name, artist;
        """,
        // 12 (issue 16/17): exact rollups per user and 15-minute UTC slot (PlaySlotRollups): plays, time, plays with skip
        // data and skips, kept by the same writes; listening per day, the listening clock and the recap read them.
        """
        CREATE TABLE play_slot_rollups (
            user_id TEXT NOT NULL,
            slot INTEGER NOT NULL,
            plays INTEGER NOT NULL,
            ms INTEGER NOT NULL,
            skip_known INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            PRIMARY KEY (user_id, slot)
        ) WITHOUT ROWID;

        INSERT INTO play_slot_rollups (user_id, slot, plays, ms, skip_known, skipped)
        SELECT user_id, (played_at - ((played_at % 900000) + 900000) % 900000) / 900000 AS slot,
               COUNT(*), SUM(ms_played), COUNT(skipped), COALESCE(SUM(skipped), 0)
        FROM plays GROUP BY user_id, slot;
        """,
        // 13 (issue 17): exact rollups per user, kind, UTC calendar year (the day number of its 1 January) and spelling,
        // kept by the same writes: a long range's top list bounds each key by the rows of the years it touches
        // (SqliteBoundedTopList). Built from the month rows, which hold the same plays.
        """
        CREATE TABLE play_year_rollups (
            user_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            year INTEGER NOT NULL,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            artist TEXT NOT NULL,
            plays INTEGER NOT NULL,
            ms INTEGER NOT NULL,
            first_at INTEGER NOT NULL,
            last_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, kind, year, key, name, artist)
        ) WITHOUT ROWID;

        INSERT INTO play_year_rollups (user_id, kind, year, key, name, artist, plays, ms, first_at, last_at)
        SELECT user_id, kind, CAST(strftime('%s', month * 86400, 'unixepoch', 'start of year') AS INTEGER) / 86400 AS year_start,
               key, name, artist, SUM(plays), SUM(ms), MIN(first_at), MAX(last_at)
        FROM play_month_rollups GROUP BY user_id, kind, year_start, key, name, artist;
        """,
        // 14 (issue 17): drops the (user_id, played_at DESC) index of migration 0. SQLite walks a b-tree either way, so the
        // unique (user_id, played_at, track_id) index answers every read it served (the same user and time range, newest
        // first too: EXPLAIN QUERY PLAN in SqliteDatabaseTests), and every insert wrote one index entry more for nothing.
        // MongoDB keeps its newest-first index {userId: 1, playedAt: -1, trackId: 1} (MongoPlayStore.NewestFirst): another engine, another planner.
        """
        DROP INDEX IF EXISTS ix_plays_user_played_desc;
        """,
    ];
}

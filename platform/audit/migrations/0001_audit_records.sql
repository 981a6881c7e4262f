-- The audit trail in PostgreSQL: every record as written (jsonb), and the columns the audit queries
-- search by, generated from that record so they can never say something the record does not.
-- The verifier recomputes each record's hash from `record` alone.

-- The verifier hashes each record as read back: text must come back exactly as it was written.
DO $$
BEGIN
  IF current_setting('server_encoding') <> 'UTF8' THEN
    RAISE EXCEPTION 'the audit database must be UTF8 (it is %): create it with ENCODING ''UTF8''', current_setting('server_encoding');
  END IF;
END
$$;

-- Group roles (no login): an operator grants them to the login roles the services use
-- (docs/audit-storage.md). Roles belong to the cluster, so another database's migration may have
-- made them already, perhaps at this very moment.
DO $$
BEGIN
  CREATE ROLE casegraph_audit_writer NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
DO $$
BEGIN
  CREATE ROLE casegraph_audit_reader NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- The text of `at` is always an ISO 8601 instant in UTC (Date#toISOString), whose value does not
-- depend on the session's TimeZone or DateStyle: immutable in fact, so it may generate a column.
CREATE FUNCTION audit.record_time(record jsonb) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (record ->> 'at')::timestamptz;

-- Every subject pseudonym any registry read of the record names.
CREATE FUNCTION audit.record_subjects(record jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN ARRAY(
    SELECT DISTINCT subject
    FROM jsonb_array_elements(record -> 'registries') AS read,
         jsonb_array_elements_text(read -> 'subjects') AS subject
    ORDER BY subject
  );

CREATE TABLE audit.records (
  record jsonb NOT NULL,
  id text GENERATED ALWAYS AS (record ->> 'id') STORED PRIMARY KEY,
  chain text GENERATED ALWAYS AS (record ->> 'chain') STORED NOT NULL,
  sequence bigint GENERATED ALWAYS AS ((record ->> 'sequence')::bigint) STORED NOT NULL,
  at timestamptz GENERATED ALWAYS AS (audit.record_time(record)) STORED NOT NULL,
  user_id text GENERATED ALWAYS AS (record -> 'caller' ->> 'userId') STORED,
  unit text GENERATED ALWAYS AS (record -> 'caller' ->> 'unit') STORED,
  organisation text GENERATED ALWAYS AS (record -> 'caller' ->> 'organisation') STORED,
  subjects text[] GENERATED ALWAYS AS (audit.record_subjects(record)) STORED NOT NULL,
  hash text GENERATED ALWAYS AS (record ->> 'hash') STORED NOT NULL,
  -- Two records at one place of a chain is a writer's bug, never a re-shipped batch (same id).
  CONSTRAINT records_chain_sequence UNIQUE (chain, sequence)
);

-- Time windows, and the keyset the reader pages through them by.
CREATE INDEX records_at ON audit.records (at, chain, sequence);
-- accessesByUser, and a supervisor's unit.
CREATE INDEX records_user_at ON audit.records (user_id, at);
CREATE INDEX records_unit_at ON audit.records (unit, at);
-- auditTrail(subject:) and subjectAccessReport: records naming a pseudonym.
CREATE INDEX records_subjects ON audit.records USING gin (subjects);

-- What purges left: per chain the last purged record, from which the rest of the chain verifies.
CREATE TABLE audit.checkpoints (
  chain text PRIMARY KEY,
  sequence bigint NOT NULL,
  hash text NOT NULL,
  purged_at timestamptz NOT NULL
);

-- The writer appends and nothing else. INSERT ... ON CONFLICT (id) DO NOTHING (a spool shipped
-- twice) needs to read the conflict column, and only that: a random record id.
REVOKE ALL ON SCHEMA audit FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA audit FROM PUBLIC;
GRANT USAGE ON SCHEMA audit TO casegraph_audit_writer, casegraph_audit_reader;
GRANT INSERT ON audit.records TO casegraph_audit_writer;
GRANT SELECT (id) ON audit.records TO casegraph_audit_writer;
GRANT SELECT ON audit.records, audit.checkpoints TO casegraph_audit_reader;
-- Both may see which migrations ran: the gateway refuses to start on a schema it does not know.
GRANT SELECT ON audit.schema_migrations TO casegraph_audit_writer, casegraph_audit_reader;

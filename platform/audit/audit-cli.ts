/**
 * `npm run audit -- <command>`: the audit trail's operations, for the trail the AUDIT_*
 * configuration names (the JSONL file or PostgreSQL), as scripts/audit.ts runs them.
 *
 *   migrate                      apply the shipped migrations (AUDIT_ADMIN_DATABASE_URL)
 *   verify [--anchors LOG ...]   check every chain, and each chain head a gateway logged (its log
 *                                lines with "auditChainHead"); exit 1 naming the first broken record
 *   export --from T --to T [--user U] [--unit U] [--subject-pseudonym P] [--out FILE]
 *                                the records of a time window as JSONL (stdout or FILE)
 *   purge [--before T]           drop records older than T (default: AUDIT_RETENTION_DAYS ago),
 *                                leaving checkpoints so the rest still verifies
 *
 * Nothing personal is printed: records hold pseudonyms only, and the messages name records by
 * chain, sequence and id.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CHAIN_HEAD_LOG_KEY, type AuditChainHead } from '../../contracts/audit.js';
import { ConfigError, type EnvSource } from '../config.js';
import { loadAuditConfig, type AuditConfig } from './audit-config.js';
import type { AuditQuery } from './audit-store.js';
import { JsonlAuditReader, purgeJsonlTrail } from './jsonl-store.js';
import { openAuditReader } from './open-audit-store.js';
import { MIGRATE_COMMAND, migrateAuditSchema } from './postgres-migrations.js';
import { createAuditPool, purgePostgresTrail } from './postgres-store.js';
import { verifyAuditChains } from './verify.js';

export interface AuditCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: EnvSource;
}

const USAGE = `usage: npm run audit -- migrate | verify [--anchors <gateway log> ...] | export --from <time> --to <time> [--user <id>] [--unit <unit>] [--subject-pseudonym <p>] [--out <file>] | purge [--before <time>]
`;

const DAY_MS = 86_400_000;

function timeOption(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime()))
    throw new ConfigError([`--${name}: expected an ISO 8601 time, e.g. 2026-01-31T00:00:00Z (got ${JSON.stringify(value)})`]);
  return time;
}

export async function runAuditCli(args: string[], io: AuditCliIo): Promise<number> {
  const [command, ...rest] = args;
  if (!['migrate', 'verify', 'export', 'purge'].includes(command ?? '')) {
    io.stderr(USAGE);
    return 2;
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        before: { type: 'string' },
        user: { type: 'string' },
        unit: { type: 'string' },
        'subject-pseudonym': { type: 'string' },
        out: { type: 'string' },
        anchors: { type: 'string', multiple: true },
      },
      strict: true,
    });
    const config = loadAuditConfig(io.env);
    switch (command) {
      case 'migrate':
        return await migrate(config, io);
      case 'verify':
        return await verify(config, values.anchors ?? [], io);
      case 'export':
        return await exportRecords(
          config,
          {
            from: timeOption('from', values.from),
            to: timeOption('to', values.to),
            userId: values.user,
            unit: values.unit,
            subject: values['subject-pseudonym'],
          },
          values.out,
          io,
        );
      case 'purge':
        return await purge(config, timeOption('before', values.before) ?? new Date(Date.now() - config.retentionDays * DAY_MS), io);
      default:
        io.stderr(USAGE);
        return 2;
    }
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }
}

function adminUrlOf(config: AuditConfig): string {
  if (!config.adminDatabaseUrl) throw new ConfigError(['AUDIT_ADMIN_DATABASE_URL: required to migrate or purge the PostgreSQL trail']);
  return config.adminDatabaseUrl;
}

async function migrate(config: AuditConfig, io: AuditCliIo): Promise<number> {
  if (config.sink !== 'postgres') {
    io.stdout(`the ${config.sink} trail has no schema to migrate (set AUDIT_ADMIN_DATABASE_URL for PostgreSQL)\n`);
    return 0;
  }
  const pool = createAuditPool(adminUrlOf(config), { applicationName: 'casegraph audit migrate', max: 1 });
  try {
    const applied = await migrateAuditSchema(pool);
    io.stdout(applied.length > 0 ? `applied ${applied.join(', ')}\n` : 'the audit schema is up to date\n');
    return 0;
  } finally {
    await pool.end();
  }
}

function isChainHead(value: unknown): value is AuditChainHead {
  const head = value as Partial<AuditChainHead> | null;
  return (
    typeof head?.chain === 'string' &&
    Number.isInteger(head.sequence) &&
    (head.sequence as number) > 0 &&
    typeof head.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(head.hash)
  );
}

/** The chain heads a gateway's log (JSON lines, as pino writes them, perhaps after a prefix) holds; other lines are passed over. */
export async function readChainAnchors(file: string): Promise<AuditChainHead[]> {
  const anchors: AuditChainHead[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.includes(CHAIN_HEAD_LOG_KEY)) continue;
    try {
      // A launcher may prefix each line with its process's name (`npm start`: "[gateway] {...}").
      const head = (JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>)[CHAIN_HEAD_LOG_KEY];
      if (isChainHead(head)) anchors.push({ chain: head.chain, sequence: head.sequence, hash: head.hash });
    } catch {
      // Not a JSON line: another process's output interleaved in the same log.
    }
  }
  return anchors;
}

async function verify(config: AuditConfig, anchorFiles: readonly string[], io: AuditCliIo): Promise<number> {
  const anchors: AuditChainHead[] = [];
  for (const file of anchorFiles) {
    let found: AuditChainHead[];
    try {
      found = await readChainAnchors(file);
    } catch (error) {
      throw new ConfigError([`--anchors: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
    }
    if (found.length === 0) io.stderr(`warning: ${file} holds no audit chain head (log lines with "${CHAIN_HEAD_LOG_KEY}")\n`);
    anchors.push(...found);
  }
  const reader = openAuditReader(config, { applicationName: 'casegraph audit verify' });
  try {
    const report = await verifyAuditChains(reader.records({ order: 'chain' }), await reader.checkpoints(), anchors);
    if (reader instanceof JsonlAuditReader) {
      // A torn last line is a write a crash interrupted, never acknowledged: worth a look, not a break.
      for (const problem of reader.problems) io.stderr(`warning: line ${problem.line} of ${config.file}: ${problem.problem}\n`);
    }
    const where = config.sink === 'postgres' ? 'the PostgreSQL trail' : config.file;
    if (report.ok) {
      io.stdout(`ok: ${report.records} records in ${report.chains.length} chains of ${where} verify\n`);
      io.stdout(
        anchorFiles.length > 0
          ? `  ${report.anchorsChecked} chain heads the gateways logged are there, with their hashes\n`
          : '  (a deletion of the newest records of a chain shows only against the chain heads the gateway logs: --anchors <gateway log>)\n',
      );
      for (const chain of report.chains) {
        io.stdout(
          `  chain ${chain.chain}: sequences ${chain.firstSequence}..${chain.lastSequence}${chain.fromCheckpoint ? ' (from a purge checkpoint)' : ''}, last at ${chain.lastAt}\n`,
        );
      }
      return 0;
    }
    const [first] = report.problems;
    io.stderr(
      `BROKEN: ${report.problems.length} problems in ${report.records} records of ${where}; the first: record ${first!.id ?? '(unknown id)'} (chain ${first!.chain}, sequence ${first!.sequence}): ${first!.problem}: ${first!.detail}\n`,
    );
    for (const problem of report.problems.slice(1, 50)) {
      io.stderr(
        `  record ${problem.id ?? '(unknown id)'} (chain ${problem.chain}, sequence ${problem.sequence}): ${problem.problem}: ${problem.detail}\n`,
      );
    }
    return 1;
  } finally {
    await reader.close();
  }
}

async function exportRecords(config: AuditConfig, query: AuditQuery, out: string | undefined, io: AuditCliIo): Promise<number> {
  if (!query.from || !query.to) throw new ConfigError(['export: --from and --to are required (an investigation names its window)']);
  const reader = openAuditReader(config, { applicationName: 'casegraph audit export' });
  const file = out ? createWriteStream(out, { flags: 'wx', mode: 0o600 }) : null;
  let count = 0;
  try {
    for await (const record of reader.records(query)) {
      const line = `${JSON.stringify(record)}\n`;
      if (file) {
        if (!file.write(line)) await once(file, 'drain');
      } else io.stdout(line);
      count += 1;
    }
  } finally {
    await reader.close();
    if (file) await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  io.stderr(`exported ${count} records${out ? ` to ${out}` : ''}\n`);
  return 0;
}

async function purge(config: AuditConfig, before: Date, io: AuditCliIo): Promise<number> {
  let result: { purged: number; kept: number };
  if (config.sink === 'postgres') {
    const pool = createAuditPool(adminUrlOf(config), { applicationName: 'casegraph audit purge', max: 1 });
    try {
      result = await purgePostgresTrail(pool, before);
    } catch (error) {
      if ((error as { code?: string }).code === '42501') {
        throw new Error(`purge runs as the schema's owner: set AUDIT_ADMIN_DATABASE_URL (${(error as Error).message})`, { cause: error });
      }
      if ((error as { code?: string }).code === '42P01')
        throw new Error(`the audit database is not migrated: run \`${MIGRATE_COMMAND}\``, { cause: error });
      throw error;
    } finally {
      await pool.end();
    }
  } else {
    result = await purgeJsonlTrail(config.file, before);
  }
  io.stdout(`purged ${result.purged} records older than ${before.toISOString()}; ${result.kept} kept\n`);
  return 0;
}

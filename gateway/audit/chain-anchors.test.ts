/**
 * The gateway's chain anchors: the head of its audit chain, logged at info whatever LOG_LEVEL says,
 * once per move, again when the gateway stops; `npm run audit -- verify --anchors` reads them back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAIN_HEAD_LOG_KEY } from '../../contracts/audit.js';
import { readChainAnchors } from '../../platform/audit/audit-cli.js';
import type { AuditSink } from '../../platform/audit/audit-store.js';
import { AuditWriter } from '../../platform/audit/audit-writer.js';
import { JsonlAuditSink } from '../../platform/audit/jsonl-store.js';
import { createLogger } from '../../platform/logger.js';
import { auditContent } from '../../test/audit-records.js';
import { GatewayAuditTrail } from './audit-trail.js';

const tempDir = mkdtempSync(path.join(tmpdir(), 'casegraph-anchors-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** A trail over `writer` whose log (at LOG_LEVEL=warn) the test reads back: its anchor lines, parsed. */
function trailWithLog(writer: AuditWriter) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const trail = new GatewayAuditTrail({
    writer,
    subjectKey: Buffer.alloc(32, 1),
    failureMode: 'closed',
    logger: createLogger('gateway', 'warn', destination),
  });
  const anchors = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => CHAIN_HEAD_LOG_KEY in line);
  return { trail, lines, anchors };
}

describe('audit chain anchors', () => {
  it('are logged at info under LOG_LEVEL=warn, once per head, and at close; verify --anchors reads them back', async () => {
    const writer = new AuditWriter(new JsonlAuditSink(path.join(tempDir, 'trail.jsonl')));
    const { trail, lines, anchors } = trailWithLog(writer);

    trail.anchor();
    expect(anchors()).toEqual([]);
    await writer.write(auditContent());
    const second = await writer.write(auditContent());
    trail.anchor();
    trail.anchor();
    expect(anchors()).toEqual([
      expect.objectContaining({
        level: 30,
        [CHAIN_HEAD_LOG_KEY]: { chain: second.chain, sequence: 2, hash: second.hash },
        msg: 'audit chain head',
      }),
    ]);
    const third = await writer.write(auditContent());
    await trail.close();
    expect(anchors().map((line) => line[CHAIN_HEAD_LOG_KEY])).toEqual([
      { chain: second.chain, sequence: 2, hash: second.hash },
      { chain: third.chain, sequence: 3, hash: third.hash },
    ]);

    const log = path.join(tempDir, 'gateway.log');
    // As npm start's launcher writes it: each line after its process's name.
    writeFileSync(
      log,
      ['not json', ...lines.map((line) => `[gateway] ${line}`), '{"auditChainHead":{"chain":"x","sequence":0,"hash":"nope"}}'].join('\n'),
    );
    expect(await readChainAnchors(log)).toEqual([
      { chain: second.chain, sequence: 2, hash: second.hash },
      { chain: third.chain, sequence: 3, hash: third.hash },
    ]);
  });

  it('anchors a chain at once when a failed batch ends it', async () => {
    const file = new JsonlAuditSink(path.join(tempDir, 'failing.jsonl'));
    let failNext = false;
    const sink: AuditSink = {
      append: (records) => (failNext ? Promise.reject(new Error('the disk is full')) : file.append(records)),
      close: () => file.close(),
    };
    const writer = new AuditWriter(sink);
    const { anchors } = trailWithLog(writer);
    const written = await writer.write(auditContent());
    failNext = true;
    await expect(writer.write(auditContent())).rejects.toThrow('the disk is full');
    expect(anchors().map((line) => line[CHAIN_HEAD_LOG_KEY])).toEqual([{ chain: written.chain, sequence: 1, hash: written.hash }]);
    expect(writer.head).toBeNull();
    failNext = false;
    await writer.close();
  });
});

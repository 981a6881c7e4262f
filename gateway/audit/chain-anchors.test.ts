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
import { AuditWriter } from '../../platform/audit/audit-writer.js';
import { JsonlAuditSink } from '../../platform/audit/jsonl-store.js';
import { createLogger } from '../../platform/logger.js';
import { auditContent } from '../../test/audit-records.js';
import { GatewayAuditTrail } from './audit-trail.js';

const tempDir = mkdtempSync(path.join(tmpdir(), 'casegraph-anchors-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe('audit chain anchors', () => {
  it('are logged at info under LOG_LEVEL=warn, once per head, and at close; verify --anchors reads them back', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const writer = new AuditWriter(new JsonlAuditSink(path.join(tempDir, 'trail.jsonl')));
    const trail = new GatewayAuditTrail({
      writer,
      subjectKey: Buffer.alloc(32, 1),
      failureMode: 'closed',
      logger: createLogger('gateway', 'warn', destination),
    });
    const anchors = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => CHAIN_HEAD_LOG_KEY in line);

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
});

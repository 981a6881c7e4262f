/**
 * The writer's group commit, against a sink whose appends the test holds and releases: one batch
 * in flight, the records that arrive meanwhile going together in the next, one chain that verifies,
 * and nothing queued left behind at close.
 */
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../contracts/audit.js';
import { auditContent } from '../../test/audit-records.js';
import type { AuditSink } from './audit-store.js';
import { AuditWriter } from './audit-writer.js';
import { verifyAuditChains } from './verify.js';

interface HeldAppend {
  records: readonly AuditRecord[];
  settle(error?: Error): void;
}

/** A sink whose appends wait until the test settles them; it remembers what it was given and what landed. */
function heldSink() {
  const held: HeldAppend[] = [];
  const landed: AuditRecord[] = [];
  const inFlightChains = new Set<string>();
  let mostAtOnce = 0;
  let sameChainTwice = false;
  const sink: AuditSink = {
    append(records) {
      const chain = records[0]!.chain;
      if (inFlightChains.has(chain)) sameChainTwice = true;
      inFlightChains.add(chain);
      mostAtOnce = Math.max(mostAtOnce, inFlightChains.size);
      return new Promise<void>((resolve, reject) => {
        held.push({
          records,
          settle(error) {
            inFlightChains.delete(chain);
            if (error) return reject(error);
            landed.push(...records);
            resolve();
          },
        });
      });
    },
    close: async () => {},
  };
  const settleAll = async () => {
    while (held.length > 0) {
      held.splice(0).forEach((append) => append.settle());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { sink, held, landed, settleAll, stats: () => ({ mostAtOnce, sameChainTwice }) };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the audit writer', () => {
  it('writes one chain, a batch at a time, to a sink that takes one append at a time', async () => {
    const { sink, held, landed, settleAll, stats } = heldSink();
    const writer = new AuditWriter(sink);
    const written = Array.from({ length: 5 }, () => writer.write(auditContent()));
    await nextTurn();
    // The first record went at once; the other four wait for it, and go together.
    expect(held.map((append) => append.records.length)).toEqual([1]);
    await settleAll();
    const records = await Promise.all(written);
    expect(new Set(records.map((record) => record.chain)).size).toBe(1);
    expect(records.map((record) => record.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(stats()).toEqual({ mostAtOnce: 1, sameChainTwice: false });
    expect(await verifyAuditChains(landed)).toMatchObject({ ok: true, records: 5 });
  });

  it('writes what is queued before it closes the sink', async () => {
    const { sink, held, landed } = heldSink();
    let closed = false;
    sink.close = async () => {
      closed = true;
    };
    const writer = new AuditWriter(sink);
    const written = Array.from({ length: 6 }, () => writer.write(auditContent()));
    await nextTurn();
    const closing = writer.close();
    await expect(writer.write(auditContent())).rejects.toThrow('the audit writer is closed');
    while (!closed) {
      held.splice(0).forEach((append) => append.settle());
      await nextTurn();
    }
    await closing;
    await Promise.all(written);
    expect(landed).toHaveLength(6);
  });
});

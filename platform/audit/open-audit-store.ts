/**
 * Opens the audit trail the configuration names, for writing (the gateway) or reading (the audit
 * subgraph, `npm run audit`).
 */
import type { AuditConfig } from './audit-config.js';
import type { AuditReader, AuditSink } from './audit-store.js';
import { JsonlAuditReader, JsonlAuditSink } from './jsonl-store.js';

export function openAuditSink(config: AuditConfig): AuditSink | null {
  switch (config.sink) {
    case 'off':
      return null;
    case 'file':
      return new JsonlAuditSink(config.file);
    case 'postgres':
      throw new Error('the PostgreSQL audit trail is not built yet');
  }
}

export function openAuditReader(config: AuditConfig): AuditReader {
  switch (config.sink) {
    case 'off':
    case 'file':
      return new JsonlAuditReader(config.file);
    case 'postgres':
      throw new Error('the PostgreSQL audit trail is not built yet');
  }
}

/**
 * `npm run audit -- migrate | verify | export | purge` (and `npm run audit:verify`): the audit
 * trail's operations on the trail the AUDIT_* configuration names. Everything is in
 * platform/audit/audit-cli.ts.
 */
import '../platform/vendor-telemetry-off.js';
import { runAuditCli } from '../platform/audit/audit-cli.js';

process.exitCode = await runAuditCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});

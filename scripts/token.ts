/**
 * `npm run token -- <demo user or service account>`: an access token from the running demo
 * identity provider, on stdout alone. Everything is in mocks/identity-provider/token-cli.ts.
 */
import { runTokenCli } from '../mocks/identity-provider/token-cli.js';

process.exitCode = await runTokenCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});

/**
 * `npm run token`: the token and nothing else on stdout, the list of who there is, and exit 2 with
 * a message for an unknown id, bad arguments, a provider that is not running or one that refuses.
 * In-process against a real provider; scripts/token.ts only hands it argv, stdout and stderr.
 */
import { createServer } from 'node:net';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../contracts/identity.js';
import { startIdentityProvider, type IdentityProvider } from './provider.js';
import { runTokenCli } from './token-cli.js';

let idp: IdentityProvider;

beforeAll(async () => {
  idp = await startIdentityProvider();
});

afterAll(async () => {
  await idp?.close();
});

async function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const status = await runTokenCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env });
  return { status, stdout, stderr };
}

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run token', () => {
  it('prints only the access token of a demo user, for --issuer or OIDC_ISSUER', async () => {
    for (const result of [
      await run(['kaisa.virtanen', '--issuer', idp.issuer]),
      await run(['kaisa.virtanen'], { OIDC_ISSUER: `${idp.issuer}/` }),
    ]) {
      expect(result).toMatchObject({ status: 0, stderr: '' });
      expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      expect(decodeJwt(result.stdout.trim())).toMatchObject({ sub: 'kaisa.virtanen', iss: idp.issuer });
    }
  });

  it('prints the service account token with the secret of IDP_BULK_CHECKER_SECRET', async () => {
    const result = await run([`--issuer=${idp.issuer}`, 'bulk-checker']);
    expect(decodeJwt(result.stdout.trim())).toMatchObject({ sub: 'bulk-checker', roles: ['bulk-checker'] });
    const refused = await run(['bulk-checker', '--issuer', idp.issuer], { IDP_BULK_CHECKER_SECRET: 'wrong' });
    expect(refused).toMatchObject({ status: 2, stdout: '' });
    expect(refused.stderr).toContain('401 invalid_client');
    expect(refused.stderr).not.toContain('running?');
  });

  it('lists the demo users with their roles and units, and the service accounts', async () => {
    const { status, stdout } = await run(['--list']);
    expect(status).toBe(0);
    for (const user of DEMO_USERS)
      expect(stdout).toMatch(new RegExp(`^${user.id.replace('.', '\\.')}\\s+${user.roles.join(',')}\\s+${user.unit ?? '-'}\\s+user$`, 'm'));
    expect(stdout).toMatch(/^bulk-checker\s+bulk-checker\s+-\s+service account$/m);
  });

  it('exits 2 naming the known ids when the id is unknown', async () => {
    const result = await run(['mallory', '--issuer', idp.issuer]);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toContain('"mallory" is not a demo user or service account; known: kaisa.virtanen,');
  });

  it('exits 2 saying the provider is not running', async () => {
    const result = await run(['kaisa.virtanen', '--issuer', `http://127.0.0.1:${await unusedPort()}`]);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(/no identity provider answers at http:\/\/127\.0\.0\.1:\d+ .*ECONNREFUSED/);
    expect(result.stderr).toContain('Is the demo identity provider running?');
  });

  it('exits 2 with usage for bad arguments and a bad issuer', async () => {
    for (const args of [[], ['a', 'b'], ['--nope'], ['kaisa.virtanen', '--issuer']]) {
      const result = await run(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('usage: npm run -s token');
    }
    const badIssuer = await run(['kaisa.virtanen', '--issuer', 'not a url']);
    expect(badIssuer).toMatchObject({ status: 2, stdout: '' });
    expect(badIssuer.stderr).toContain('OIDC_ISSUER');
    expect((await run(['--help'])).stdout).toContain('usage:');
  });
});

/**
 * `npm run token -- <demo user or service account>`: prints an access token from the running demo
 * provider and nothing else, so `curl -H "authorization: Bearer $(npm run -s token -- kaisa.virtanen)"`
 * works. `--list` shows who there is; `--issuer URL` (default $OIDC_ISSUER or
 * http://127.0.0.1:4300) names the provider. scripts/token.ts runs it; tests call it in-process.
 *
 * Exit status: 0 with the token, 2 with a message on stderr when the arguments, the identity or
 * the configuration are wrong, or the provider is not running or refuses.
 */
import { z } from 'zod';
import { DEMO_SERVICE_ACCOUNTS, DEMO_USERS } from '../../contracts/identity.js';
import { ConfigError, readConfig, type EnvSource } from '../../platform/config.js';
import { demoServiceAccountSecret } from './clients.js';
import { SignInError } from './code-flow.js';
import { BULK_CHECKER_ID, DEFAULT_IDP_PORT } from './config.js';
import { demoAccessToken, UnknownDemoIdentityError } from './demo-login.js';

export interface TokenCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: EnvSource;
}

const USAGE = `usage: npm run -s token -- <demo user or service account> [--issuer URL]
       npm run -s token -- --list`;

function listing(): string {
  const rows = [
    ...DEMO_USERS.map((user) => [user.id, user.roles.join(','), user.unit ?? '-', 'user']),
    ...DEMO_SERVICE_ACCOUNTS.map((account) => [account.id, account.roles.join(','), '-', 'service account']),
  ];
  const header = ['ID', 'ROLES', 'UNIT', 'KIND'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

interface ParsedArgs {
  who?: string;
  issuer?: string;
  list: boolean;
  help: boolean;
}

function parseArgs(args: readonly string[]): ParsedArgs | string {
  const parsed: ParsedArgs = { list: false, help: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--list') parsed.list = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--issuer') {
      const value = args[++index];
      if (value === undefined) return '--issuer needs a URL';
      parsed.issuer = value;
    } else if (arg.startsWith('--issuer=')) parsed.issuer = arg.slice('--issuer='.length);
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (parsed.who !== undefined) return 'name one demo user or service account';
    else parsed.who = arg;
  }
  return parsed;
}

export async function runTokenCli(args: readonly string[], io: TokenCliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`token: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (parsed.list) {
    io.stdout(`${listing()}\n`);
    return 0;
  }
  if (parsed.who === undefined) {
    io.stderr(`token: name a demo user or service account (--list shows them)\n${USAGE}\n`);
    return 2;
  }
  try {
    const config = readConfig(
      {
        OIDC_ISSUER: z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${DEFAULT_IDP_PORT}`),
        IDP_BULK_CHECKER_SECRET: z.string().min(1).default(demoServiceAccountSecret(BULK_CHECKER_ID)),
      },
      { ...io.env, ...(parsed.issuer !== undefined ? { OIDC_ISSUER: parsed.issuer } : {}) },
    );
    const token = await demoAccessToken(config.OIDC_ISSUER.replace(/\/$/, ''), parsed.who, {
      ...(parsed.who === BULK_CHECKER_ID ? { clientSecret: config.IDP_BULK_CHECKER_SECRET } : {}),
    });
    io.stdout(`${token}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UnknownDemoIdentityError) {
      io.stderr(`token: ${error.message}\n`);
      return 2;
    }
    if (error instanceof SignInError) {
      const hint = error.unreachable ? '\nIs the demo identity provider running? (npm run identity-provider)' : '';
      io.stderr(`token: ${error.message}${hint}\n`);
      return 2;
    }
    throw error;
  }
}

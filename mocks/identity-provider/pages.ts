/**
 * The provider's HTML pages: sign-in, sign-out confirmation, signed out, and errors. Each is one
 * self-contained document (no script, no external font, image or style sheet: nothing a browser
 * would fetch from anywhere) under a strict Content-Security-Policy that admits only its own
 * inline style, by hash, and form posts to this provider and to where the flow goes next.
 */
import { createHash } from 'node:crypto';
import type { ErrorOut } from 'oidc-provider';
import type { DemoUser } from '../../contracts/identity.js';
import { UNITS } from '../../contracts/identity.js';

const STYLE = [
  'body{font:15px/1.4 system-ui,sans-serif;margin:2rem auto;max-width:40rem;padding:0 1rem;color:#1b1b1b}',
  'h1{font-size:1.35rem}p.note{color:#555}',
  'button{display:block;width:100%;text-align:left;margin:.5rem 0;padding:.6rem .8rem;font:inherit;',
  'border:1px solid #bbb;border-radius:6px;background:#f6f8fa;cursor:pointer}',
  'button:hover,button:focus{background:#e8eef6;border-color:#5a7fb0}',
  'button .id{font-family:ui-monospace,monospace;color:#444}button .meta{display:block;color:#555;font-size:.9em}',
  'button.secondary{text-align:center;background:none}',
  'button.primary{text-align:center;background:#2b5797;border-color:#2b5797;color:#fff}button.primary:hover,button.primary:focus{background:#1f4277}',
  'pre{white-space:pre-wrap}',
].join('');

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** What an HTML page of the provider answers with. */
export interface Page {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The page's headers. `formTargets` are the origins a form on it may post to or end up at: a
 * browser applies form-action to the redirects after a post too, and signing in ends at the
 * client's redirect URI, so that origin must be listed beside 'self'.
 */
export function pageHeaders(formTargets: readonly string[] = []): Record<string, string> {
  const formAction = ["'self'", ...new Set(formTargets)].join(' ');
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
}

/** The origin of `url` when it is an http(s) URL (for form-action), else nothing. */
export function originOf(url: unknown): string[] {
  if (typeof url !== 'string') return [];
  const parsed = URL.parse(url);
  return parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? [parsed.origin] : [];
}

export function document(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export interface SignInPageInput {
  uid: string;
  clientName: string;
  users: readonly DemoUser[];
  /** The user signed in now, when the client asked to sign in again (prompt=login). */
  signedInAs?: DemoUser;
  /** Where the flow ends (the client's redirect URI), for form-action. */
  redirectUri: unknown;
}

function userButton(user: DemoUser): string {
  const unit = user.unit === null ? 'no unit' : `unit ${user.unit} (${UNITS[user.unit]})`;
  return `<button type="submit" name="user" value="${escapeHtml(user.id)}">${escapeHtml(user.name)} <span class="id">${escapeHtml(user.id)}</span><span class="meta">${escapeHtml(user.roles.join(', ') || 'no roles')}; ${escapeHtml(unit)}</span></button>`;
}

export function signInPage(input: SignInPageInput): Page {
  const base = `/interaction/${encodeURIComponent(input.uid)}`;
  const current = input.signedInAs
    ? `<p>Signed in now as ${escapeHtml(input.signedInAs.name)} (${escapeHtml(input.signedInAs.id)}). Choose who to continue as.</p>`
    : '';
  const body = `<h1>Sign in to casegraph (demo identity provider)</h1>
<p>${escapeHtml(input.clientName)} asks who you are. Every user here is synthetic and needs no password: choose one.</p>
${current}<form method="post" action="${base}/login">
${input.users.map(userButton).join('\n')}
</form>
<form method="post" action="${base}/abort"><button type="submit" class="secondary">Cancel</button></form>
<p class="note">This is casegraph's embedded stand-in for the organisation's identity provider. Never use it outside a demo.</p>`;
  return {
    status: 200,
    headers: pageHeaders(originOf(input.redirectUri)),
    body: document('Sign in to casegraph (demo identity provider)', body),
  };
}

export function errorPage(status: number, title: string, detail: string): Page {
  const body = `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(detail)}</p>\n<p class="note">Start again from the application.</p>`;
  return { status, headers: pageHeaders(), body: document(title, body) };
}

/** oidc-provider's error page body: the OAuth error code and its description, escaped. */
export function oauthErrorBody(out: Pick<ErrorOut, 'error' | 'error_description'>): string {
  const rows = (['error', 'error_description'] as const)
    .flatMap((key) => {
      const value = out[key];
      return value === undefined ? [] : [`<pre><strong>${key}</strong>: ${escapeHtml(value)}</pre>`];
    })
    .join('\n');
  return document('Sign-in failed', `<h1>Sign-in failed</h1>\n${rows}\n<p class="note">Start again from the application.</p>`);
}

/** The sign-out confirmation; `form` is the library's hidden form (id op.logoutForm) with its xsrf token. */
export function logoutConfirmationBody(form: string): string {
  const body = `<h1>Sign out of casegraph (demo identity provider)?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary" autofocus>Yes, sign me out</button>
<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button>`;
  return document('Sign out of casegraph', body);
}

export function signedOutBody(): string {
  return document('Signed out', '<h1>Signed out</h1>\n<p>You are signed out of the casegraph demo identity provider.</p>');
}

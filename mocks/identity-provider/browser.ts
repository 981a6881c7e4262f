/**
 * Just enough of a browser to walk a sign-in over HTTP: a cookie jar (name, value and path; one
 * host) and requests that do not follow redirects, so the caller sees each Location, including
 * the last one to a redirect URI where nothing listens. Used by demo-login and the tests.
 */

interface StoredCookie {
  value: string;
  path: string;
}

export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  /** Takes the Set-Cookie headers of `response` to a request for `url`. */
  store(url: URL, response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const attribute = (wanted: string) =>
        attributes
          .map((part) => part.trim())
          .find((part) => part.toLowerCase().startsWith(`${wanted}=`))
          ?.slice(wanted.length + 1);
      const path = attribute('path') ?? defaultPath(url);
      const expires = attribute('expires');
      const maxAge = attribute('max-age');
      const expired = (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      const key = `${name};${path}`;
      if (expired || value === '') this.#cookies.delete(key);
      else this.#cookies.set(key, { value, path });
    }
  }

  /** The Cookie header for a request to `url`, or undefined when no cookie applies. */
  headerFor(url: URL): string | undefined {
    const applicable: string[] = [];
    for (const [key, cookie] of this.#cookies) {
      if (pathMatches(url.pathname, cookie.path)) applicable.push(`${key.slice(0, key.indexOf(';'))}=${cookie.value}`);
    }
    return applicable.length > 0 ? applicable.join('; ') : undefined;
  }
}

function defaultPath(url: URL): string {
  const lastSlash = url.pathname.lastIndexOf('/');
  return lastSlash <= 0 ? '/' : url.pathname.slice(0, lastSlash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

export interface BrowserRequest {
  method?: 'GET' | 'POST';
  /** A form body (sent as application/x-www-form-urlencoded). */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

/** One request with the jar's cookies; redirects are returned, not followed. */
export async function browse(jar: CookieJar, url: URL, request: BrowserRequest = {}): Promise<Response> {
  const headers: Record<string, string> = { ...request.headers };
  const cookie = jar.headerFor(url);
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  const response = await fetch(url, { method: request.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' });
  jar.store(url, response);
  return response;
}

/** The absolute target of a redirect response, or null when it is not a redirect. */
export function redirectTarget(response: Response, from: URL): URL | null {
  const location = response.headers.get('location');
  return response.status >= 300 && response.status < 400 && location ? new URL(location, from) : null;
}

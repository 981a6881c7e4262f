/**
 * The shared admin token of the /admin routes (`Authorization: Bearer <ADMIN_TOKEN>`), compared
 * in constant time. Without ADMIN_TOKEN configured the routes do not exist.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from './errors.js';
import { sendRequestError, type RouteHandler } from './http-server.js';

/** Whether the request carries the admin token. */
export function hasAdminToken(req: IncomingMessage, token: string): boolean {
  const given = req.headers.authorization;
  if (typeof given !== 'string' || !given.startsWith('Bearer ')) return false;
  const a = Buffer.from(given.slice('Bearer '.length));
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Wraps an admin route so that it answers 401 without the admin token. */
export function adminOnly(adminToken: string, handle: RouteHandler): RouteHandler {
  return (req, res) => {
    if (!hasAdminToken(req, adminToken))
      return sendRequestError(res, 401, ErrorCode.UNAUTHENTICATED, 'Admin routes need Authorization: Bearer <ADMIN_TOKEN>');
    return handle(req, res);
  };
}

import type { Request, Response } from 'express';

/**
 * `__Host-` makes the browser insist on Secure, Path=/ and no Domain, so no sibling host
 * can plant or read the cookie.
 */
export const sessionCookieName = '__Host-dws-session';

/** A cookie's value as the browser sent it, or `undefined`. */
export function readCookie(req: Request, cookieName: string): string | undefined {
  for (const part of req.header('Cookie')?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=');
  }
  return undefined;
}

export function readSessionId(req: Request): string | undefined {
  const id = readCookie(req, sessionCookieName);
  return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
}

export function writeSessionCookie(res: Response, id: string): void {
  res.append('Set-Cookie', `${sessionCookieName}=${id}; Path=/; Secure; HttpOnly; SameSite=Strict`);
}

export function clearSessionCookie(res: Response): void {
  res.append('Set-Cookie', `${sessionCookieName}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`);
}

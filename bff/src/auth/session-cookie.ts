import type { Request, Response } from 'express';

/**
 * `__Host-` makes the browser insist on Secure, Path=/ and no Domain, so no sibling host
 * can plant or read the cookie.
 */
export const sessionCookieName = '__Host-dws-session';

export function readSessionId(req: Request): string | undefined {
  const header = req.header('Cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookieName) {
      const id = value.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
    }
  }
  return undefined;
}

export function writeSessionCookie(res: Response, id: string): void {
  res.append('Set-Cookie', `${sessionCookieName}=${id}; Path=/; Secure; HttpOnly; SameSite=Strict`);
}

export function clearSessionCookie(res: Response): void {
  res.append('Set-Cookie', `${sessionCookieName}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`);
}

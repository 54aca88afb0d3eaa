import type { Harness } from './harness.ts';

/** Wraps the harness's IAM client; answers the list, in order, of every token IAM issues at log-in from now on. */
export function recordIssuedTokens(harness: Harness): string[] {
  const issued: string[] = [];
  const real = harness.iam;
  harness.setIam(async (credentials) => {
    const token = await real(credentials);
    if (token) issued.push(token.token);
    return token;
  });
  return issued;
}

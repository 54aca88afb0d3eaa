/** A DWS API call as the console shows it before sending: the path names the project as `{project_id}`. */
export interface ApiRequest {
  method: 'POST';
  path: string;
  body: unknown;
}

export const maskedSecret = '******';

/** Request fields that hold a password: shown masked, never in clear, even to the user who typed them. */
const secretFields = new Set(['user_pwd', 'new_password', 'password']);

/**
 * The request as text to read and copy: method and path, then the JSON body exactly as `JSON.stringify`
 * sends it (absent fields left out), passwords masked. The token is never part of it: the BFF adds it.
 */
export function formatApiRequest({ method, path, body }: ApiRequest): string {
  const json = JSON.stringify(
    body,
    (key, value: unknown) => (secretFields.has(key) && typeof value === 'string' ? maskedSecret : value),
    2,
  );
  return `${method} ${path}\n\n${json}`;
}

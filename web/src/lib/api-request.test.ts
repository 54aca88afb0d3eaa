import { describe, expect, it } from 'vitest';
import { formatApiRequest } from './api-request.ts';

describe('formatApiRequest', () => {
  it('writes method, path and the JSON body as sent, with the password masked', () => {
    const text = formatApiRequest({
      method: 'POST',
      path: '/v1.0/{project_id}/clusters',
      body: { cluster: { name: 'dws-demo', port: undefined, user_pwd: 'Tide-Pool-42', public_ip: null } },
    });
    expect(text).toBe(
      [
        'POST /v1.0/{project_id}/clusters',
        '',
        '{',
        '  "cluster": {',
        '    "name": "dws-demo",',
        '    "user_pwd": "******",',
        '    "public_ip": null',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(text).not.toContain('Tide-Pool-42');
  });

  it('leaves a body without secrets as it is', () => {
    const body = { restore: { name: 'dws-copy', port: 8100 }, enterprise_project_id: '0' };
    const text = formatApiRequest({ method: 'POST', path: '/v1.0/{project_id}/snapshots/s-1/actions', body });
    expect(JSON.parse(text.split('\n\n')[1] ?? '')).toEqual(body);
  });
});

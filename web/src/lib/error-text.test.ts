import { describe, expect, it } from 'vitest';
import { clusterListResponseSchema, dwsRules, ruleMessage } from '@dws-console/shared';
import { ApiError } from './api-client.ts';
import { errorText } from './error-text.ts';

describe('errorText', () => {
  it('translates a field rule by its id, keeping the field the server named and the request id', () => {
    const rule = dwsRules.clusterName;
    const error = new ApiError(400, rule.errorCode, ruleMessage('cluster.name', rule), 'req-1');
    expect(errorText(error, 'zh-CN')).toEqual({
      code: 'DWS.5057',
      message: 'cluster.name: 长度为 4-64 个字符，以字母开头，只能包含字母、数字、中划线和下划线',
      requestId: 'req-1',
    });
    expect(errorText(error, 'en').message).toBe(`cluster.name: ${rule.message}`);
  });

  it('knows the permission and console codes, and keeps unknown messages as they are', () => {
    expect(errorText(new ApiError(403, 'DWS.5036', 'no', 'r'), 'zh-CN').message).toBe(
      '您没有执行此操作的权限。',
    );
    expect(errorText(new ApiError(502, 'CONSOLE.0502', 'x'), 'en').message).toBe(
      'The DWS service is unavailable. Try again later.',
    );
    expect(errorText(new ApiError(500, 'DWS.9999', 'Something odd'), 'zh-CN')).toMatchObject({
      code: 'DWS.9999',
      message: 'Something odd',
    });
  });

  it('says where an answer of an unknown shape differs, in the user’s language, never a bare "Invalid input"', () => {
    const parsed = clusterListResponseSchema.safeParse({
      clusters: [{ id: 7, name: 'c', status: 'x' }],
      count: 1,
    });
    expect(errorText(parsed.error, 'en')).toEqual({
      code: 'ERROR',
      message: "The console could not read the server's answer (at clusters.0.id).",
    });
    expect(errorText(parsed.error, 'zh-CN').message).toBe(
      '控制台无法读取服务器的应答（位置：clusters.0.id）。',
    );
  });
});

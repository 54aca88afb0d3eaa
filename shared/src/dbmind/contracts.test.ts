import { describe, expect, it } from 'vitest';
import { dbmindClusterMapSchema, registerClusterRequestSchema } from './clusters.ts';
import { dbmindEventSchema } from './elements.ts';
import { interactionRequestSchema, missingParametersText } from './interaction.ts';

describe('DBMind contracts', () => {
  it("reads the seed's misspelt `intances` and writes `instances`", () => {
    const parsed = dbmindClusterMapSchema.parse({
      '10.0.0.1:8000': {
        cluster_name: 'cluster1',
        intances: ['10.0.0.1:8000', '10.0.0.2:8000'],
        managed: true,
      },
    });
    expect(parsed['10.0.0.1:8000']).toEqual({
      cluster_name: 'cluster1',
      instances: ['10.0.0.1:8000', '10.0.0.2:8000'],
      managed: true,
    });
  });

  it('accepts the register body of the document, port as a string included', () => {
    expect(
      registerClusterRequestSchema.parse({
        cluster_name: 'cluster1',
        host: '192.168.0.10',
        port: '5432',
        username: 'db_user',
        password: 'db_password',
      }).port,
    ).toBe(5432);
  });

  it('defaults history_len to 1 and ignores model_name', () => {
    const parsed = interactionRequestSchema.parse({
      query: 'q',
      mode: 'fault_diagnostic',
      model_name: 'pangu',
      user_id: 'user123',
      session_id: 'session123',
    });
    expect(parsed.history_len).toBe(1);
  });

  it('parses the events of the stream, unknown element types included', () => {
    expect(
      dbmindEventSchema.parse({ data: [{ type: 'inspection', tip: 'x', option: {} }], success: true }),
    ).toMatchObject({ success: true });
    expect(dbmindEventSchema.parse({ msg: 'Internal server error.', success: false })).toEqual({
      msg: 'Internal server error.',
      success: false,
    });
    expect(missingParametersText(['start_time', 'end_time'])).toBe(
      '缺少参数start_time,end_time，请一次性提供完整',
    );
  });
});

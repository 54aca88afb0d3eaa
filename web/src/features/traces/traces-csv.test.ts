import { describe, expect, it } from 'vitest';
import type { Trace } from '@dws-console/shared';
import { filtersFromSearch, filtersToSearch, traceQuery } from './trace-filters.ts';
import { tracesToCsv } from './traces-csv.ts';

const trace = (name: string): Trace => ({
  trace_id: 't1',
  trace_name: 'createCluster',
  trace_rating: 'warning',
  trace_type: 'ApiCall',
  service_type: 'DWS',
  resource_type: 'cluster',
  resource_id: 'c1',
  resource_name: name,
  request: '{}',
  response: '{}',
  code: '400',
  api_version: 'v1.0',
  time: Date.UTC(2026, 11, 7, 6, 0, 0),
  record_time: 0,
  request_id: 'r1',
  source_ip: '10.0.0.1',
  user: { id: 'u', name: 'admin', domain: { id: 'd', name: 'demo' } },
});

describe('operations log filters and export', () => {
  it('keep the filters in the URL and drop what is not one', () => {
    const search = new URLSearchParams('range=24h&status=warning&user=%20admin%20&resource=c1&colour=red');
    const filters = filtersFromSearch(search);
    expect(filters).toEqual({ range: '24h', status: 'warning', user: 'admin', resourceId: 'c1' });
    expect(filtersToSearch(filters).toString()).toBe('range=24h&user=admin&resource=c1&status=warning');
    expect(filtersFromSearch(new URLSearchParams('range=1y&status=fatal'))).toEqual({ range: '7d' });
    expect(traceQuery(filters, 100_000_000, { limit: 20, next: 'm' })).toEqual({
      limit: 20,
      from: 100_000_000 - 86_400_000,
      to: 100_000_000,
      next: 'm',
      user: 'admin',
      resource_id: 'c1',
      trace_rating: 'warning',
    });
  });

  it('writes RFC 4180 CSV that a spreadsheet will not run as a formula', () => {
    const csv = tracesToCsv([trace('plain'), trace('a,"b"'), trace('=HYPERLINK("x")')]);
    const lines = csv.split('\r\n');
    expect(lines[0]?.startsWith('time,operation,status,code,')).toBe(true);
    expect(lines[1]).toContain(',plain,admin,');
    expect(lines[2]).toContain(',"a,""b""",');
    expect(lines[3]).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(lines[1]?.startsWith('2026-12-07T06:00:00.000Z,createCluster,warning,400,DWS,cluster,c1,')).toBe(
      true,
    );
    expect(lines.at(-1)).toBe('');
  });
});

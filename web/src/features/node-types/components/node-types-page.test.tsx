// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../testing/render.tsx';
import { NodeTypesPage } from './node-types-page.tsx';

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('NodeTypesPage', () => {
  it('lists each node type with its specs and whether it can be bought', { timeout: 60_000 }, async () => {
    fetchMock.mockResolvedValue(
      json({
        node_types: [
          {
            spec_name: 'dws.m3.xlarge',
            id: 'ebe532d6-665f-40e6-a4d4-3c51545b6a57',
            detail: [
              { type: 'vCPU', value: '4' },
              { type: 'mem', value: '32', unit: 'GB' },
            ],
            available_zones: [{ code: 'ae-ad-1', status: 'normal' }],
          },
          {
            spec_name: 'dws.d2.xlarge',
            id: '2d2dc5b7-47d8-4f15-9b5f-3c9a2a0d6d55',
            detail: [{ type: 'vCPU', value: '8' }],
            available_zones: [{ code: 'ae-ad-1', status: 'sellout' }],
          },
        ],
      }),
    );
    renderWithProviders(<NodeTypesPage />);
    expect(await screen.findByText('dws.m3.xlarge')).toBeTruthy();
    expect(fetchMock.mock.calls[0]![0] as string).toBe('/api/dws/node-types');
    const bought = screen.getByText('dws.m3.xlarge').closest('tr')!;
    expect(bought.textContent).toContain('ae-ad-1: 可购买');
    const soldOut = screen.getByText('dws.d2.xlarge').closest('tr')!;
    expect(soldOut.textContent).toContain('已售罄');
    expect(soldOut.textContent).not.toContain('可购买');
  });

  it('shows the service’s error with its code', { timeout: 60_000 }, async () => {
    fetchMock.mockResolvedValue(
      json({ error_code: 'DWS.5036', error_msg: 'no permission', request_id: 'abc' }, 403),
    );
    renderWithProviders(<NodeTypesPage />);
    expect(await screen.findByText(/DWS\.5036/)).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { SessionInfo } from '@dws-console/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubBff } from '../../../testing/fake-bff.ts';
import { renderWithProviders } from '../../../testing/render.tsx';
import { useSessionQuery } from '../api/get-session.ts';
import { SessionEndWarning, warnBeforeMs } from './session-end-warning.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const endingIn = (ms: number) => new Date(Date.now() + ms).toISOString();

const sessionEnding = (ms: number, isIdleEnd: boolean, signedInWith: 'sso' | 'password'): SessionInfo => ({
  user: { id: 'u1', name: 'admin' },
  domain: { id: 'd1', name: 'demo' },
  project: { id: 'p1', name: 'ae-ad-1' },
  expiresAt: endingIn(ms),
  isIdleEnd,
  rights: { allowed: [], complete: true },
  signedInWith,
});

/** The shell's part: the warning over the session as the console last heard it. */
function Shell() {
  const { data } = useSessionQuery();
  return data ? (
    <>
      <span data-testid="ends">{data.expiresAt}</span>
      <SessionEndWarning session={data} />
    </>
  ) : null;
}

/** The session endpoint answering each of `answers` in turn, then the last one again. */
function stubSession(answers: SessionInfo[], activity?: SessionInfo) {
  let asked = 0;
  return stubBff({
    'GET /api/session': () => answers[Math.min(asked++, answers.length - 1)],
    ...(activity ? { 'POST /api/session/activity': () => activity } : {}),
  });
}

describe('SessionEndWarning', () => {
  it('says nothing, and does no work for it, while the session has more than a few minutes left', async () => {
    // The end time's formatting (the page's first Intl formatter) is the part a hidden warning used to pay for.
    const formatTime = vi.spyOn(Date.prototype, 'toLocaleTimeString');
    stubSession([sessionEnding(warnBeforeMs * 4, false, 'sso')]);
    renderWithProviders(<Shell />);
    await screen.findByTestId('ends');
    expect(screen.queryByText('会话即将结束')).toBeNull();
    expect(formatTime).not.toHaveBeenCalled();
    formatTime.mockRestore();
  });

  it('offers a single sign-on session to sign in again through the provider and come back to this page', async () => {
    stubSession([sessionEnding(warnBeforeMs - 60_000, false, 'sso')]);
    renderWithProviders(<Shell />);
    expect(await screen.findByText('会话即将结束')).toBeTruthy();
    expect(screen.getByRole('link', { name: /继\s*续/ }).getAttribute('href')).toBe(
      '/api/session/sso/start?next=%2F',
    );
  });

  it('offers a password session the log-in form and the way back', async () => {
    stubSession([sessionEnding(warnBeforeMs - 60_000, false, 'password')]);
    renderWithProviders(<Shell />);
    expect((await screen.findByRole('link', { name: /继\s*续/ })).getAttribute('href')).toBe(
      '/login?next=%2F',
    );
  });

  it('asks the session again before warning of the idle end, and says nothing when the person was active', async () => {
    const later = sessionEnding(warnBeforeMs * 4, true, 'password');
    const calls = stubSession([sessionEnding(warnBeforeMs - 60_000, true, 'password'), later]);
    renderWithProviders(<Shell />);
    await waitFor(() => expect(screen.getByTestId('ends').textContent).toBe(later.expiresAt));
    expect(calls.filter((c) => c.path === '/api/session')).toHaveLength(2);
    expect(screen.queryByText('会话即将结束')).toBeNull();
  });

  it('keeps an idle session with no new sign-in: continuing tells the console the person is here', async () => {
    const idle = sessionEnding(warnBeforeMs - 60_000, true, 'sso');
    const kept = sessionEnding(30 * 60_000, true, 'sso');
    const calls = stubSession([idle], kept);
    renderWithProviders(<Shell />);
    expect(await screen.findByText(/未操作/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /继\s*续/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /继\s*续/ }));
    await waitFor(() => expect(screen.getByTestId('ends').textContent).toBe(kept.expiresAt));
    expect(calls).toContainEqual({ method: 'POST', path: '/api/session/activity' });
  });
});

// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render.tsx';
import { SessionEndWarning, warnBeforeMs } from './session-end-warning.tsx';

afterEach(cleanup);

const endingIn = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('SessionEndWarning', () => {
  it('says nothing while the session has more than a few minutes left', () => {
    renderWithProviders(
      <SessionEndWarning session={{ expiresAt: endingIn(warnBeforeMs * 4), signedInWith: 'sso' }} />,
    );
    expect(screen.queryByText('会话即将结束')).toBeNull();
  });

  it('offers a single sign-on session to sign in again through the provider and come back to this page', async () => {
    renderWithProviders(
      <SessionEndWarning session={{ expiresAt: endingIn(warnBeforeMs - 60_000), signedInWith: 'sso' }} />,
    );
    expect(await screen.findByText('会话即将结束')).toBeTruthy();
    expect(screen.getByRole('link', { name: /继\s*续/ }).getAttribute('href')).toBe(
      '/api/session/sso/start?next=%2F',
    );
  });

  it('offers a password session the log-in form and the way back', () => {
    renderWithProviders(
      <SessionEndWarning
        session={{ expiresAt: endingIn(warnBeforeMs - 60_000), signedInWith: 'password' }}
      />,
    );
    expect(screen.getByRole('link', { name: /继\s*续/ }).getAttribute('href')).toBe('/login?next=%2F');
  });
});

// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import type { Conversation } from '@dws-console/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { administratorScope, otherProjectScope, renderWithProviders } from '../../../testing/render.tsx';
import { ChatPage } from './chat-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const kept: Conversation = {
  id: 'c_00000000000000a1',
  title: 'orders of ae-ad-1',
  mode: 'tool_interaction',
  history_len: 1,
  created_at: 1,
  updated_at: 1,
  turn_count: 1,
  turns: [
    {
      id: 't_00000000000000a1',
      question: 'which indexes does orders lack?',
      mode: 'tool_interaction',
      asked_at: 1,
      answer: { status: 'done', last_event_id: 1, progress: [], elements: [] },
    },
  ],
};

/**
 * The BFF as the chat page sees it: the first project's user has one conversation; the second project's answers
 * wait until the test releases them. What the page needs besides is refused, which it shows as errors.
 */
function fakeBff() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const path = new URL(input, 'https://console.test').pathname;
    const isFirst = new Headers(init.headers).get('X-Console-Project') === administratorScope.project.id;
    if (!isFirst) await released;
    const answers: Record<string, unknown> = {
      '/api/dbmind/conversations': { conversations: isFirst ? [kept] : [] },
      [`/api/dbmind/conversations/${kept.id}`]: kept,
    };
    const body = isFirst ? answers[path] : path === '/api/dbmind/conversations' ? answers[path] : undefined;
    return body
      ? new Response(JSON.stringify(body), { status: 200 })
      : new Response(JSON.stringify({ error_code: 'CONSOLE.0404', error_msg: 'not here' }), { status: 404 });
  });
  return { release };
}

describe('the chat page', () => {
  it('never shows one project’s conversations under another’s name after a switch', async () => {
    const bff = fakeBff();
    const { showScope } = renderWithProviders(<ChatPage />);
    expect(await screen.findByText(kept.title)).toBeTruthy();
    expect(await screen.findByText(kept.turns[0]!.question)).toBeTruthy();

    showScope(otherProjectScope);
    await waitFor(() => expect(screen.queryByText(kept.title)).toBeNull());
    expect(screen.queryByText(kept.turns[0]!.question)).toBeNull();
    bff.release();
    await waitFor(() => expect(screen.queryAllByTestId('conversation')).toHaveLength(0));
    expect(screen.queryByText(kept.title)).toBeNull();
  });
});

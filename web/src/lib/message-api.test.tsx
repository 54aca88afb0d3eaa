// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageApiProvider, useMessageApi } from './message-api.tsx';

// Unmounted within the test, so that no toast's timer or React's scheduler runs after the document is gone.
afterEach(cleanup);

function Actions() {
  const message = useMessageApi();
  return (
    <>
      <button onClick={() => message.success('Cluster c1 restarted')}>restart</button>
      <button onClick={() => message.error('Snapshot s1 could not be deleted')}>delete</button>
    </>
  );
}

describe('MessageApiProvider', () => {
  it('shows each toast once, in the order asked, even where React runs effects twice', async () => {
    render(
      <StrictMode>
        <MessageApiProvider>
          <Actions />
        </MessageApiProvider>
      </StrictMode>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'restart' }));
    expect(await screen.findByText('Cluster c1 restarted')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'delete' }));
    expect(await screen.findByText('Snapshot s1 could not be deleted')).toBeTruthy();
    expect(screen.getAllByText('Cluster c1 restarted')).toHaveLength(1);
    expect(screen.getAllByText('Snapshot s1 could not be deleted')).toHaveLength(1);
  });
});

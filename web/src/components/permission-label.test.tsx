// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { administratorScope, renderWithProviders, viewerScope } from '../testing/render.tsx';
import { PermissionLabel } from './permission-button.tsx';

afterEach(cleanup);

it('marks a menu entry the user may not use with a lock, naming the right and the role that grants it', () => {
  renderWithProviders(
    <PermissionLabel action="traces.list" scope={viewerScope}>
      操作日志
    </PermissionLabel>,
  );
  const label = screen.getByText('操作日志', { exact: false });
  expect(label.getAttribute('aria-description')).toBe(
    '无权限：你在项目 ae-ad-1 中没有“查看操作日志”的权限。请联系管理员授予 CTS ReadOnlyAccess。',
  );
  expect(label.querySelector('.anticon-lock')).not.toBeNull();
});

it('leaves the entry as it is for a user whose roles allow it', () => {
  renderWithProviders(
    <PermissionLabel action="traces.list" scope={administratorScope}>
      Operations log
    </PermissionLabel>,
    'en',
  );
  expect(screen.getByText('Operations log').getAttribute('aria-description')).toBeNull();
  expect(document.querySelector('.anticon-lock')).toBeNull();
});

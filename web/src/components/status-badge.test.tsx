// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../testing/render.tsx';
import { progressPercent, StatusBadge } from './status-badge.tsx';

afterEach(cleanup);

describe('progressPercent', () => {
  it('reads "45%" and "45", keeps it within 0-100 and knows nothing of other text', () => {
    expect(progressPercent('45%')).toBe(45);
    expect(progressPercent('45')).toBe(45);
    expect(progressPercent('120%')).toBe(100);
    expect(progressPercent('soon')).toBeUndefined();
    expect(progressPercent(undefined)).toBeUndefined();
  });
});

describe('StatusBadge', () => {
  it('shows the status in Chinese and the running task with its progress', async () => {
    renderWithProviders(<StatusBadge status="AVAILABLE" actionProgress={{ GROWING: '40%' }} />);
    expect(screen.getByText('可用')).toBeTruthy();
    expect(screen.getByText('扩容中')).toBeTruthy();
    expect(await screen.findByRole('progressbar', { name: '扩容中 40%' })).toBeTruthy();
  });

  it('shows the status and the task in English', () => {
    renderWithProviders(<StatusBadge status="CREATING" actionProgress={{ RESTORING: '15%' }} />, 'en');
    expect(screen.getByText('Creating')).toBeTruthy();
    expect(screen.getByText('Restoring')).toBeTruthy();
  });

  it('shows a running task that reports no progress, without a bar', () => {
    renderWithProviders(<StatusBadge status="AVAILABLE" actionProgress={null} taskStatus="REBOOTING" />);
    expect(screen.getByText('重启中')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows no task when none runs, and a status it does not know as the service sent it', () => {
    renderWithProviders(<StatusBadge status="MIGRATING" taskStatus="REBOOT_FAILURE" />);
    expect(screen.getByText('MIGRATING')).toBeTruthy();
    expect(screen.queryByText('重启失败')).toBeNull();
  });

  it('shows a cluster being created with its progress and no raw code, in both languages', async () => {
    for (const [locale, label] of [
      ['zh-CN', '创建中'],
      ['en', 'Creating'],
    ] as const) {
      renderWithProviders(<StatusBadge status="CREATING" actionProgress={{ CREATING: '30%' }} />, locale);
      expect(screen.getAllByText(label)).toHaveLength(1);
      expect(screen.queryByText('CREATING')).toBeNull();
      expect(await screen.findByRole('progressbar', { name: `${label} 30%` })).toBeTruthy();
      cleanup();
    }
  });

  it('translates a sub-status that is not normal, part by part', () => {
    renderWithProviders(<StatusBadge status="AVAILABLE" subStatus="DEGRADED | READONLY" />, 'en');
    expect(screen.getByText('Degraded, Read-only')).toBeTruthy();
    cleanup();
    renderWithProviders(<StatusBadge status="AVAILABLE" subStatus="NORMAL" />);
    expect(screen.queryByText('正常')).toBeNull();
  });

  it("marks the status with antd's dot in the status's colour, and a running task as in progress", () => {
    const dot = (text: string) => screen.getByText(text).previousElementSibling?.className;
    renderWithProviders(<StatusBadge status="AVAILABLE" />);
    expect(dot('可用')).toContain('ant-badge-status-success');
    cleanup();
    renderWithProviders(<StatusBadge status="UNAVAILABLE" />);
    expect(dot('不可用')).toContain('ant-badge-status-error');
    cleanup();
    renderWithProviders(<StatusBadge status="AVAILABLE" taskStatus="REBOOTING" />);
    expect(dot('可用')).toContain('ant-badge-status-processing');
  });
});

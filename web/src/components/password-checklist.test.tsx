// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../testing/render.tsx';
import { PasswordChecklist, passwordChecks, passwordStrength } from './password-checklist.tsx';

afterEach(cleanup);

const metOf = (password: string, userName?: string, isReset?: boolean) =>
  Object.fromEntries(passwordChecks(password, userName, isReset).map((c) => [c.key, c.isMet]));

describe('passwordChecks', () => {
  it('follows the shared rules one by one', () => {
    expect(metOf('abc')).toEqual({
      'password.rule.length': false,
      'password.rule.characters': true,
      'password.rule.classes': false,
      'password.rule.notUserName': true,
    });
    expect(metOf('Abcdef12')).toMatchObject({ 'password.rule.length': true, 'password.rule.classes': true });
    expect(metOf('Abcdef12$')).toMatchObject({ 'password.rule.characters': false });
    expect(metOf('Dbadmin_1', 'Dbadmin_1')).toMatchObject({ 'password.rule.notUserName': false });
    expect(metOf('1_nimdabD', 'Dbadmin_1')).toMatchObject({ 'password.rule.notUserName': false });
    expect(metOf('Password@123', 'dbadmin', true)).toMatchObject({ 'password.rule.notWeak': false });
    expect(metOf('Tide-Pool-42', 'dbadmin', true)).toMatchObject({ 'password.rule.notWeak': true });
  });

  it('never rates a password that breaks a rule above weak', () => {
    expect(passwordStrength('aaaaaaaaaaaaaaaaaaaa', false)).toBeLessThan(50);
    expect(passwordStrength('Tide-Pool-42-Horizon', true)).toBeGreaterThanOrEqual(80);
  });
});

describe('PasswordChecklist', () => {
  it('marks each rule as the user types, in Chinese', () => {
    renderWithProviders(<PasswordChecklist password="Abcdefgh" userName="dbadmin" />);
    const items = screen.getAllByRole('listitem');
    expect(items.map((i) => i.textContent?.trim())).toEqual([
      '长度为 8-32 个字符',
      '只包含字母、数字和允许的特殊字符',
      '至少包含大写字母、小写字母、数字、特殊字符中的 3 种',
      '不能与用户名或其倒序相同',
    ]);
    expect(items.map((i) => i.dataset.met)).toEqual(['true', 'true', 'false', 'true']);
    expect(screen.getByTestId('password-strength').textContent).toBe('弱');
  });

  it('speaks English when the console does, and lists the weak-password rule on reset', () => {
    renderWithProviders(<PasswordChecklist password="Tide-Pool-42-Horizon" isReset />, 'en');
    expect(screen.getByText('Not a commonly used weak password')).toBeTruthy();
    expect(screen.getAllByRole('listitem').every((i) => i.dataset.met === 'true')).toBe(true);
    expect(screen.getByTestId('password-strength').textContent).toBe('Strong');
  });
});

import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Progress, Space, Typography } from 'antd';
import {
  passwordCharacterKinds,
  passwordLimits,
  passwordSpecialCharacters,
  weakPasswords,
} from '@dws-console/shared';
import { useI18n, type MessageKey } from '../lib/i18n.tsx';

export interface PasswordCheck {
  key: MessageKey;
  isMet: boolean;
}

const specials = new Set(passwordSpecialCharacters);

/** The shared password rules, one line each, so the user sees which ones are still unmet while typing. */
export function passwordChecks(password: string, userName?: string, isReset = false): PasswordCheck[] {
  const reversed = userName ? [...userName].reverse().join('') : undefined;
  const checks: PasswordCheck[] = [
    {
      key: 'password.rule.length',
      isMet: password.length >= passwordLimits.min && password.length <= passwordLimits.max,
    },
    {
      key: 'password.rule.characters',
      isMet: password.length > 0 && [...password].every((c) => /[A-Za-z0-9]/.test(c) || specials.has(c)),
    },
    { key: 'password.rule.classes', isMet: passwordCharacterKinds(password) >= 3 },
    {
      key: 'password.rule.notUserName',
      isMet: password.length > 0 && (!userName || (password !== userName && password !== reversed)),
    },
  ];
  if (isReset) {
    checks.push({
      key: 'password.rule.notWeak',
      isMet: password.length > 0 && !weakPasswords.some((w) => w.toLowerCase() === password.toLowerCase()),
    });
  }
  return checks;
}

/** 0-100: length and variety beyond the minimum; a password that breaks a rule never scores above weak. */
export function passwordStrength(password: string, isValid: boolean): number {
  if (password.length === 0) return 0;
  const lengthScore = Math.min(password.length, 20) * 3;
  const kindScore = passwordCharacterKinds(password) * 10;
  const score = Math.min(100, lengthScore + kindScore);
  return isValid ? score : Math.min(score, 30);
}

export interface PasswordChecklistProps {
  password: string;
  userName?: string;
  isReset?: boolean;
}

export function PasswordChecklist({ password, userName, isReset }: PasswordChecklistProps) {
  const { t } = useI18n();
  const checks = passwordChecks(password, userName, isReset);
  const isValid = checks.every((c) => c.isMet);
  const strength = passwordStrength(password, isValid);
  const strengthLabel =
    strength < 50 ? t('password.weak') : strength < 80 ? t('password.medium') : t('password.strong');
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%', marginBottom: 12 }}>
      <ul aria-label={t('password.strength')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {checks.map((check) => (
          <li key={check.key} data-met={check.isMet}>
            <Typography.Text type={check.isMet ? 'success' : 'secondary'} style={{ fontSize: 12 }}>
              {check.isMet ? <CheckCircleFilled /> : <CloseCircleOutlined />} {t(check.key)}
            </Typography.Text>
          </li>
        ))}
      </ul>
      <Space>
        <Typography.Text style={{ fontSize: 12 }}>{t('password.strength')}</Typography.Text>
        <Progress
          percent={strength}
          steps={5}
          size="small"
          showInfo={false}
          strokeColor={strength < 50 ? '#ff4d4f' : strength < 80 ? '#faad14' : '#52c41a'}
          aria-label={`${t('password.strength')}: ${password ? strengthLabel : '-'}`}
        />
        <Typography.Text style={{ fontSize: 12 }} data-testid="password-strength">
          {password ? strengthLabel : ''}
        </Typography.Text>
      </Space>
    </Space>
  );
}

import { BootFrame } from '../../components/boot-frame.tsx';
import { LanguageThemeSwitch } from '../../components/language-theme-switch.tsx';
import { LoginPage } from '../../features/session/index.ts';
import { useDocumentTitle } from '../../lib/document-title.ts';
import { useI18n } from '../../lib/i18n.tsx';

export function LoginRoute() {
  const { t } = useI18n();
  useDocumentTitle(t('login.submit'), t('app.title'));
  return (
    <BootFrame>
      {/* A person who reads English, or works in the dark, chooses before logging in. */}
      <div style={{ position: 'absolute', top: 16, right: 24, display: 'flex', gap: 8 }}>
        <LanguageThemeSwitch />
      </div>
      <LoginPage />
    </BootFrame>
  );
}

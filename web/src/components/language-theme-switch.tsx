import { MoonOutlined, SunOutlined, TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../lib/i18n.tsx';
import { useThemeMode } from '../lib/theme.tsx';

/** The language and theme buttons, on the log-in page as in the console's header. */
export function LanguageThemeSwitch() {
  const { t, locale, setLocale } = useI18n();
  const { mode, setMode } = useThemeMode();
  return (
    <>
      <Button
        type="text"
        icon={<TranslationOutlined />}
        onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
      >
        {t('header.language')}
      </Button>
      <Button
        type="text"
        icon={mode === 'dark' ? <SunOutlined /> : <MoonOutlined />}
        onClick={() => setMode(mode === 'dark' ? 'light' : 'dark')}
      >
        {mode === 'dark' ? t('header.themeLight') : t('header.themeDark')}
      </Button>
    </>
  );
}

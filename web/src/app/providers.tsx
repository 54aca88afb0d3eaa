import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, theme } from 'antd';
// The ES modules: `antd/locale/*` are CommonJS and bring the CommonJS date-picker locales with them.
import enUS from 'antd/es/locale/en_US';
// Every component's styles, made when antd was built: the console writes none at run time (`zeroRuntime`).
import 'antd/dist/antd.css';
import zhCN from 'antd/es/locale/zh_CN';
import { useState, type ReactNode } from 'react';
import { closeAnswerStreams } from '../features/chat/hooks/close-streams.ts';
import { sessionKeys } from '../features/session/api/keys.ts';
import { followMovedSession } from '../features/session/api/switch-project.ts';
import { I18nProvider, useI18n } from '../lib/i18n.tsx';
import { MessageApiProvider } from '../lib/message-api.tsx';
import { createQueryClient } from '../lib/query-client.ts';
import { forgetPermissions } from '../lib/permissions.ts';
import { useMediaQuery } from '../lib/media-query.ts';
import { ThemeModeProvider, useThemeMode } from '../lib/theme.tsx';

/**
 * antd's default blue and secondary grey fall short of WCAG AA contrast (4.5:1) for white button text, links,
 * the selected menu item and secondary text; these shades reach it in each theme.
 */
const lightTokens = {
  colorPrimary: '#0958d9',
  colorLink: '#0958d9',
  // Darker on hover, so the link keeps its contrast while the pointer is on it.
  colorLinkHover: '#003eb3',
  colorLinkActive: '#003eb3',
  // Red text (a danger button or menu item) on white, and white on red, both at 4.6:1.
  colorError: '#d9363e',
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  // A placeholder is text too, also in a disabled select (grey on grey).
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  // A primary button's hover keeps white text at AA, as the link's hover does.
  colorPrimaryHover: '#003eb3',
  // Green text (a met password rule, a success tag) on white or on the light green, at 5.6:1.
  colorSuccess: '#237804',
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
};
const darkTokens = {
  colorLink: '#69b1ff',
  // Lighter on hover and while pressed, so the link keeps its contrast while the pointer is on it.
  colorLinkHover: '#91caff',
  colorLinkActive: '#91caff',
  colorTextSecondary: 'rgba(255, 255, 255, 0.7)',
  colorTextDescription: 'rgba(255, 255, 255, 0.7)',
  colorTextPlaceholder: 'rgba(255, 255, 255, 0.6)',
  colorPrimaryHover: '#1554ad',
  // Red text (a warning in a dialog) on the dark dialog, at 6:1.
  colorErrorText: '#ff7875',
};

function AntdProvider({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  const { mode } = useThemeMode();
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        zeroRuntime: true,
        algorithm: mode === 'dark' ? theme.darkAlgorithm : theme.defaultAlgorithm,
        // Dialogs, menus and tooltips appear without zooming or sliding when the system asks for less motion.
        token: { ...(mode === 'dark' ? darkTokens : lightTokens), motion: !reducedMotion },
        // A danger item of a menu is red text on the menu's background: the dark theme's red is too dark for it.
        // A description's label is secondary text, not antd's lighter tertiary grey.
        components:
          mode === 'dark'
            ? {
                Dropdown: { colorError: '#ff7875' },
                // A danger button's red text on the dark page; a solid one has dark text on that red.
                Button: {
                  colorError: '#ff7875',
                  colorErrorHover: '#ffa39e',
                  colorErrorActive: '#ff7875',
                  dangerColor: 'rgba(0, 0, 0, 0.88)',
                },
                Descriptions: { labelColor: darkTokens.colorTextSecondary },
              }
            : { Descriptions: { labelColor: lightTokens.colorTextSecondary } },
      }}
    >
      <MessageApiProvider>{children}</MessageApiProvider>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() =>
    createQueryClient({
      onSessionEnded: (client) => {
        // The shell sees no session and sends the user to log in, remembering the page.
        client.setQueryData(sessionKeys.current(), null);
        forgetPermissions();
        closeAnswerStreams();
      },
      onProjectChanged: (client) => void followMovedSession(client),
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ThemeModeProvider>
          <AntdProvider>{children}</AntdProvider>
        </ThemeModeProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { storedChoiceKeys } from './stored-choices.ts';

export type ThemeMode = 'light' | 'dark';

interface ThemeValue {
  mode: ThemeMode;
  setMode: (mode: ThemeMode) => void;
}

const ThemeContext = createContext<ThemeValue | undefined>(undefined);
const storageKey = storedChoiceKeys.theme;

/** An explicit choice wins; without one the console follows the operating system. */
function initialMode(): ThemeMode {
  const stored = localStorage.getItem(storageKey);
  if (stored === 'dark' || stored === 'light') return stored;
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

export function ThemeModeProvider({ children }: { children: ReactNode }) {
  const [mode, setModeState] = useState<ThemeMode>(initialMode);
  const setMode = useCallback((next: ThemeMode) => {
    localStorage.setItem(storageKey, next);
    setModeState(next);
  }, []);
  // The static frame around the log-in page (index.html's styles) follows the chosen theme, not only the system's.
  useEffect(() => {
    document.documentElement.dataset.theme = mode;
  }, [mode]);
  const value = useMemo(() => ({ mode, setMode }), [mode, setMode]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useThemeMode(): ThemeValue {
  const value = useContext(ThemeContext);
  if (!value) throw new Error('useThemeMode must be used inside ThemeModeProvider');
  return value;
}

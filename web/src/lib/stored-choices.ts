/** Where the console keeps a person's choices in this browser: read by the app and by index.html's early script. */
export const storedChoiceKeys = {
  locale: 'dws-console.locale',
  theme: 'dws-console.theme',
} as const;

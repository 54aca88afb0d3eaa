import { useEffect } from 'react';

/**
 * Names the page in the browser's tab and history, after the console's name: a person with several tabs open,
 * or going back through the history, tells the pages apart.
 */
export function useDocumentTitle(page: string, app: string) {
  useEffect(() => {
    document.title = `${page} - ${app}`;
  }, [page, app]);
}

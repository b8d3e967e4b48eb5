import { useEffect } from 'react';

/** "Page · Promesse": the title is the first thing a screen reader says after a page change. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Promesse` : 'Promesse';
  }, [title]);
}

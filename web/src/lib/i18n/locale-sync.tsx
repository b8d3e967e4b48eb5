import { useEffect } from 'react';
import { useMutation } from 'urql';
import { LOCALES, type Locale } from '@promesse/shared';
import { graphql } from '../../gql';
import { useAuth } from '../auth/auth.store';
import { i18n } from './i18n';

const SetMyLocaleDocument = graphql(`
  mutation SetMyLocale($locale: Locale!) {
    setMyLocale(locale: $locale) {
      id
    }
  }
`);

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * Saves the UI language on the account when a signed-in user switches it: the API words that user's errors and
 * notifications (pushed texts, other devices) in their saved language.
 */
export function LocaleSync() {
  const { token } = useAuth();
  const [, save] = useMutation(SetMyLocaleDocument);
  useEffect(() => {
    if (!token) return;
    const onChange = (lng: string) => {
      if (isLocale(lng)) void save({ locale: lng });
    };
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, [token, save]);
  return null;
}

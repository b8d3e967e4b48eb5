import type { Locale } from '../common/common.enum';
import { errorMessages } from '../errors/errors.messages';
import { schoolMessages } from '../school/school.messages';
import { authMessages } from '../auth/auth.messages';
import { companyMessages } from '../company/company.messages';
import { studentMessages } from '../student/student.messages';
import { notificationMessages } from '../notification/notification.messages';
import { jobPromiseMessages } from '../job-promise/job-promise.messages';
import { applicationMessages } from '../application/application.messages';
import { recommendationMessages } from '../recommendation/recommendation.messages';
import { matchingMessages } from '../matching/matching.messages';
import { authValidationMessages } from '../auth/auth.validation.messages';
import { commonMessages } from '../common/common.messages';
import { jobPromiseValidationMessages } from '../job-promise/job-promise.validation.messages';
import { schoolValidationMessages } from '../school/school.validation.messages';
import { studentValidationMessages } from '../student/student.validation.messages';
import { mailMessages } from '../mail/mail.messages';
import { rosterMessages } from '../roster/roster.messages';
import { searchMessages } from '../search/search.messages';
import { securityMessages } from '../security/security.messages';
import { outcomeMessages } from '../outcome/outcome.messages';
import { outcomeValidationMessages } from '../outcome/outcome.validation.messages';
import { conversationMessages } from '../conversation/conversation.messages';
import { fileMessages } from '../file/file.messages';
import { hiringMessages } from '../hiring/hiring.messages';
import { securityCapMessages } from '../security/security.caps';
import { jobAlertMessages } from '../job-alert/job-alert.messages';
import { placeMessages } from '../place/place.messages';
import { hygieneMessages } from '../common/common.hygiene.messages';
import { privacyMessages } from '../privacy/privacy.messages';
import type { BaseKey } from './messages.define';

// Every user-facing text the API can produce (errors, validation, notifications, match reasons), in every locale.
// The web renders the same keys; the API renders them only for clients that do not translate (contract fields
// such as a notification's title) and always sends the key and its params beside the text.
// Add one line per domain bundle.
const bundles = [
  errorMessages,
  schoolMessages,
  authMessages,
  companyMessages,
  studentMessages,
  notificationMessages,
  commonMessages,
  authValidationMessages,
  jobPromiseValidationMessages,
  schoolValidationMessages,
  studentValidationMessages,
  jobPromiseMessages,
  applicationMessages,
  recommendationMessages,
  matchingMessages,
  mailMessages,
  rosterMessages,
  searchMessages,
  securityMessages,
  outcomeMessages,
  outcomeValidationMessages,
  conversationMessages,
  fileMessages,
  hiringMessages,
  securityCapMessages,
  jobAlertMessages,
  placeMessages,
  hygieneMessages,
  privacyMessages,
] as const;

type Bundle = (typeof bundles)[number];
type FrKeys = Bundle extends infer B ? (B extends { fr: infer F } ? keyof F & string : never) : never;

export type MessageKey = BaseKey<FrKeys>;

export const MESSAGES: { readonly [L in Locale]: Readonly<Record<string, string>> } = {
  fr: Object.assign({}, ...bundles.map((b) => b.fr)),
  en: Object.assign({}, ...bundles.map((b) => b.en)),
};

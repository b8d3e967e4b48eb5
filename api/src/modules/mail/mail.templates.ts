import Handlebars from 'handlebars';
import { interviewCalendar, interviewCalendarMethod, type InterviewMailParams } from './mail.calendar';
import mjml2html from 'mjml';
import {
  buildNotificationText,
  renderMessage,
  type InvitableRole,
  type Locale,
  type MessageParams,
  type NotificationType,
} from '@promesse/shared';

// Every message shares one responsive layout, written in MJML and compiled to HTML once per process; Handlebars then
// fills it per message (escaping every value), so sending a thousand alerts does not run MJML a thousand times.

/** The web app's pages that messages link to (French paths, like the app's routes). */
export const MAIL_PATHS = {
  invitation: (code: string) => `/invitation/${encodeURIComponent(code)}`,
  emailVerification: (token: string) => `/verification-email#${token}`,
  passwordReset: (token: string) => `/mot-de-passe/nouveau#${token}`,
  logIn: '/connexion',
  notifications: '/notifications',
  preferences: '/parametres/notifications',
  studentPromise: (id: string) => `/eleve/promesses/${id}`,
  companyPromise: (id: string) => `/entreprise/promesses/${id}`,
} as const;

/** The parameters of each template: what a cause stores in the outbox (ids, names, tokens; no rendered text). */
export interface MailTemplateParams {
  invitation: { inviterName: string; schoolName: string; role: InvitableRole; code: string; expiresAt: string };
  emailVerification: { companyName: string; token: string; hours: number };
  accountExists: Record<string, never>;
  passwordReset: { token: string };
  // From the profile (current password confirmed), this device stays signed in: `otherSessionsOnly`.
  passwordChanged: { otherSessionsOnly?: boolean };
  // Sent to the previous address, so the owner learns of a change they did not make.
  emailChanged: { newEmail: string };
  notification: { type: NotificationType; data: Record<string, unknown>; path: string | null };
  digest: { items: { type: NotificationType; data: Record<string, unknown>; path: string | null }[] };
  jobAlert: { jobPromiseId: string; title: string; companyName: string; city: string; searchName: string };
  promiseExpiring: { jobPromiseId: string; title: string; expiresAt: string };
  applicationsWaiting: { jobPromiseId: string; title: string; count: number; days: number };
  // Hiring: the agreed interview (or its reminder) with its calendar invitation; a colleague's invitation.
  interview: InterviewMailParams;
  colleagueInvitation: { inviterName: string; companyName: string; code: string; expiresAt: string };
  // Retention (issue 18): an inactive account is anonymised on `anonymiseAt` unless its owner logs in before.
  inactivityWarning: { anonymiseAt: string };
}
export type MailTemplate = keyof MailTemplateParams;

/** Templates that concern the account itself: sent whatever the preferences, without List-Unsubscribe. */
export const ESSENTIAL_TEMPLATES: ReadonlySet<MailTemplate> = new Set([
  'invitation',
  'emailVerification',
  'accountExists',
  'passwordReset',
  'passwordChanged',
  'emailChanged',
  // An appointment the person agreed to, and an account invitation: not something one unsubscribes from.
  'interview',
  'colleagueInvitation',
  // About the account's own erasure: always sent.
  'inactivityWarning',
]);

interface MailContent {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  items?: { title: string; body: string; url: string | null }[];
  notes?: string[];
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

interface RenderScope {
  locale: Locale;
  t: (key: string, params?: MessageParams) => string;
  link: (path: string) => string;
  date: (iso: string) => string;
}

type TemplateBuilder<K extends MailTemplate> = (p: MailTemplateParams[K], s: RenderScope) => MailContent;

const builders: { [K in MailTemplate]: TemplateBuilder<K> } = {
  invitation: (p, { t, link, date }) => ({
    subject: t('mail.invitation.subject', { inviterName: p.inviterName }),
    paragraphs: [
      t('mail.invitation.intro', {
        inviterName: p.inviterName,
        schoolName: p.schoolName,
        role: t(`mail.role.${p.role}`),
      }),
    ],
    action: { label: t('mail.invitation.action'), url: link(MAIL_PATHS.invitation(p.code)) },
    notes: [t('mail.invitation.code', { code: p.code }), t('mail.invitation.expires', { date: date(p.expiresAt) })],
  }),
  emailVerification: (p, { t, link }) => ({
    subject: t('mail.emailVerification.subject'),
    paragraphs: [t('mail.emailVerification.intro', { companyName: p.companyName })],
    action: { label: t('mail.emailVerification.action'), url: link(MAIL_PATHS.emailVerification(p.token)) },
    notes: [t('mail.emailVerification.expires', { hours: p.hours }), t('mail.emailVerification.ignore')],
  }),
  accountExists: (_p, { t, link }) => ({
    subject: t('mail.accountExists.subject'),
    paragraphs: [t('mail.accountExists.intro')],
    action: { label: t('mail.accountExists.action'), url: link(MAIL_PATHS.logIn) },
  }),
  passwordReset: (p, { t, link }) => ({
    subject: t('mail.passwordReset.subject'),
    paragraphs: [t('mail.passwordReset.intro')],
    action: { label: t('mail.passwordReset.action'), url: link(MAIL_PATHS.passwordReset(p.token)) },
    notes: [t('mail.passwordReset.ignore')],
  }),
  passwordChanged: (p, { t, link }) => ({
    subject: t('mail.passwordChanged.subject'),
    paragraphs: [
      t(p.otherSessionsOnly ? 'mail.passwordChanged.introOtherSessions' : 'mail.passwordChanged.intro'),
      t('mail.passwordChanged.warning'),
    ],
    action: { label: t('mail.passwordChanged.action'), url: link(MAIL_PATHS.logIn) },
  }),
  emailChanged: (p, { t }) => ({
    subject: t('mail.emailChanged.subject'),
    paragraphs: [t('mail.emailChanged.intro', { newEmail: p.newEmail }), t('mail.emailChanged.warning')],
  }),
  notification: (p, { t, link, locale }) => {
    const text = buildNotificationText(p.type, p.data, locale);
    return {
      subject: text.title,
      paragraphs: [text.body],
      action: { label: t('mail.notification.action'), url: link(p.path ?? MAIL_PATHS.notifications) },
    };
  },
  digest: (p, { t, link, locale }) => ({
    subject: t('mail.digest.subject', { count: p.items.length }),
    paragraphs: [t('mail.digest.intro')],
    items: p.items.map((item) => {
      const text = buildNotificationText(item.type, item.data, locale);
      return { title: text.title, body: text.body, url: item.path ? link(item.path) : null };
    }),
    action: { label: t('mail.digest.action'), url: link(MAIL_PATHS.notifications) },
  }),
  jobAlert: (p, { t, link }) => ({
    subject: t('mail.jobAlert.subject', { title: p.title }),
    paragraphs: [
      t('mail.jobAlert.intro', {
        // A promise's alert data may lack the company's name (see JOB_ALERT_MATCH's notification text).
        companyName: p.companyName || t('notification.JOB_ALERT_MATCH.companyFallback'),
        title: p.title,
        city: p.city,
      }),
      t('mail.jobAlert.search', { searchName: p.searchName }),
    ],
    action: { label: t('mail.jobAlert.action'), url: link(MAIL_PATHS.studentPromise(p.jobPromiseId)) },
  }),
  promiseExpiring: (p, { t, link, date }) => ({
    subject: t('mail.promiseExpiring.subject', { title: p.title, date: date(p.expiresAt) }),
    paragraphs: [t('mail.promiseExpiring.intro', { title: p.title, date: date(p.expiresAt) })],
    action: { label: t('mail.promiseExpiring.action'), url: link(MAIL_PATHS.companyPromise(p.jobPromiseId)) },
  }),
  applicationsWaiting: (p, { t, link }) => ({
    subject: t('mail.applicationsWaiting.subject', { count: p.count }),
    paragraphs: [t('mail.applicationsWaiting.intro', { count: p.count, title: p.title, days: p.days })],
    action: { label: t('mail.applicationsWaiting.action'), url: link(MAIL_PATHS.companyPromise(p.jobPromiseId)) },
  }),
  interview: (p, { t, link, locale }) => {
    const when = interviewWhen(p.startsAt, locale);
    const where = p.place ?? p.videoUrl ?? '';
    return {
      subject: t(`mail.interview.${p.kind}.subject`, { title: p.title, when }),
      paragraphs: [
        t(`mail.interview.${p.kind}.intro`, {
          title: p.title,
          companyName: p.companyName,
          studentName: p.studentName,
          when,
        }),
        t('mail.interview.where', { where, minutes: p.durationMinutes }),
        ...(p.message ? [t('mail.interview.message', { message: p.message })] : []),
      ],
      action: { label: t('mail.interview.action'), url: link(MAIL_PATHS.notifications) },
      notes: [t(p.kind === 'cancelled' ? 'mail.interview.calendarCancel' : 'mail.interview.calendar')],
      attachments: [
        {
          filename: locale === 'fr' ? 'entretien.ics' : 'interview.ics',
          content: interviewCalendar(p, {
            summary: t('mail.interview.eventTitle', { title: p.title, companyName: p.companyName }),
            description: p.message ?? '',
          }),
          contentType: `text/calendar; charset=utf-8; method=${interviewCalendarMethod(p)}`,
        },
      ],
    };
  },
  colleagueInvitation: (p, { t, link, date }) => ({
    subject: t('mail.colleagueInvitation.subject', { inviterName: p.inviterName, companyName: p.companyName }),
    paragraphs: [t('mail.colleagueInvitation.intro', { inviterName: p.inviterName, companyName: p.companyName })],
    action: { label: t('mail.invitation.action'), url: link(MAIL_PATHS.invitation(p.code)) },
    notes: [t('mail.invitation.code', { code: p.code }), t('mail.invitation.expires', { date: date(p.expiresAt) })],
  }),
  inactivityWarning: (p, { t, link, date }) => ({
    subject: t('mail.inactivityWarning.subject', { date: date(p.anonymiseAt) }),
    paragraphs: [t('mail.inactivityWarning.intro', { date: date(p.anonymiseAt) }), t('mail.inactivityWarning.keep')],
    action: { label: t('mail.inactivityWarning.action'), url: link(MAIL_PATHS.logIn) },
  }),
};

/** "le 3 mars 2027 à 14:30" in Paris time. */
function interviewWhen(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}

const LAYOUT_MJML = `<mjml lang="{{lang}}">
  <mj-head>
    <mj-title>{{subject}}</mj-title>
    <mj-preview>{{preview}}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Arial, Helvetica, sans-serif" />
      <mj-text font-size="16px" line-height="24px" color="#1f2937" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6" width="600px">
    <mj-section padding="24px 16px 8px">
      <mj-column>
        <mj-text font-size="24px" font-weight="bold" padding-bottom="0"><a href="{{homeUrl}}" style="color:#1d4ed8;text-decoration:none">{{appName}}</a></mj-text>
        <mj-text font-size="13px" color="#4b5563">{{tagline}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="16px 8px" border-radius="8px">
      <mj-column>
        <mj-text><p style="margin:0 0 12px">{{greeting}}</p>{{#each paragraphs}}<p style="margin:0 0 12px">{{this}}</p>{{/each}}</mj-text>
        <mj-raw>{{#if items}}</mj-raw>
        <mj-text><ul style="padding-left:20px;margin:0">{{#each items}}<li style="margin:0 0 12px"><strong>{{#if url}}<a href="{{url}}" style="color:#1d4ed8">{{title}}</a>{{else}}{{title}}{{/if}}</strong><br />{{body}}</li>{{/each}}</ul></mj-text>
        <mj-raw>{{/if}}</mj-raw>
        <mj-raw>{{#if action}}</mj-raw>
        <mj-button href="{{action.url}}" background-color="#1d4ed8" color="#ffffff" font-size="16px" border-radius="6px" inner-padding="12px 24px">{{action.label}}</mj-button>
        <mj-text font-size="13px" color="#4b5563">{{linkFallback}}<br /><a href="{{action.url}}" style="color:#1d4ed8;word-break:break-all">{{action.url}}</a></mj-text>
        <mj-raw>{{/if}}</mj-raw>
        <mj-text font-size="14px" color="#374151">{{#each notes}}<p style="margin:0 0 8px">{{this}}</p>{{/each}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section padding="16px">
      <mj-column>
        <mj-text font-size="12px" line-height="18px" color="#6b7280">{{footer}}{{#if unsubscribeUrl}}<br /><a href="{{preferencesUrl}}" style="color:#4b5563">{{preferencesLabel}}</a> · <a href="{{unsubscribeUrl}}" style="color:#4b5563">{{unsubscribeLabel}}</a>{{/if}}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

const TEXT_LAYOUT = `{{appName}} · {{tagline}}

{{greeting}}

{{#each paragraphs}}{{this}}

{{/each}}{{#each items}}- {{title}}
  {{body}}{{#if url}}
  {{url}}{{/if}}

{{/each}}{{#if action}}{{action.label}}
{{action.url}}

{{/if}}{{#each notes}}{{this}}

{{/each}}--
{{footer}}
{{#if unsubscribeUrl}}{{preferencesLabel}}: {{preferencesUrl}}
{{unsubscribeLabel}}: {{unsubscribeUrl}}
{{/if}}`;

interface LayoutData extends MailContent {
  lang: Locale;
  preview: string;
  appName: string;
  tagline: string;
  homeUrl: string;
  greeting: string;
  linkFallback: string;
  footer: string;
  unsubscribeUrl: string | null;
  unsubscribeLabel: string;
  preferencesUrl: string;
  preferencesLabel: string;
}

let compiled: Promise<{ html: Handlebars.TemplateDelegate<LayoutData>; text: Handlebars.TemplateDelegate<LayoutData> }>;

function layouts() {
  compiled ??= (async () => {
    const { html, errors } = await mjml2html(LAYOUT_MJML, { validationLevel: 'strict', keepComments: false });
    if (errors.length) throw new Error(`mail layout: ${errors.map((e) => e.formattedMessage).join('; ')}`);
    return {
      html: Handlebars.compile<LayoutData>(html, { strict: false }),
      text: Handlebars.compile<LayoutData>(TEXT_LAYOUT, { noEscape: true }),
    };
  })();
  return compiled;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
}

export interface RenderOptions {
  locale: Locale;
  publicUrl: string;
  recipientName?: string | null;
  /** Set for optional messages: the one-click unsubscribe link shown in the footer (and sent as List-Unsubscribe). */
  unsubscribeUrl: string | null;
}

function dateFormatter(locale: Locale): (iso: string) => string {
  const format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  });
  return (iso) => format.format(new Date(iso));
}

/** Subject, HTML and plain text of one message, in the recipient's language. */
export async function renderMail<K extends MailTemplate>(
  template: K,
  params: MailTemplateParams[K],
  options: RenderOptions,
): Promise<RenderedMail> {
  const { locale, publicUrl } = options;
  const t = (key: string, values?: MessageParams) => renderMessage(key, values, locale);
  const scope: RenderScope = { locale, t, link: (p) => `${publicUrl}${p}`, date: dateFormatter(locale) };
  const builder = builders[template] as TemplateBuilder<K>;
  const content = builder(params, scope);
  const data: LayoutData = {
    ...content,
    lang: locale,
    preview: content.paragraphs[0] ?? content.subject,
    appName: t('mail.appName'),
    tagline: t('mail.tagline'),
    homeUrl: publicUrl,
    greeting: options.recipientName ? t('mail.greeting', { name: options.recipientName }) : t('mail.greetingAnonymous'),
    linkFallback: t('mail.linkFallback'),
    footer: t(options.unsubscribeUrl ? 'mail.footerOptional' : 'mail.footerEssential'),
    unsubscribeUrl: options.unsubscribeUrl,
    unsubscribeLabel: t('mail.unsubscribe'),
    preferencesUrl: `${publicUrl}${MAIL_PATHS.preferences}`,
    preferencesLabel: t('mail.preferences'),
  };
  const { html, text } = await layouts();
  return { subject: content.subject, html: html(data), text: text(data), attachments: content.attachments ?? [] };
}

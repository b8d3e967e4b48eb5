// Safeguarding of minors: a recruiter's message that looks like moving the conversation out of the app (a phone
// number, an e-mail address, a messaging app, asking for the student's number) makes the student's school staff
// notified. A pure rule: it only reads the text. It errs on the side of telling the staff (they read the thread
// and judge); it does not block the message.

export const CONTACT_SIGNALS = ['PHONE_NUMBER', 'EMAIL_ADDRESS', 'MESSAGING_APP', 'CONTACT_QUESTION'] as const;
export type ContactSignal = (typeof CONTACT_SIGNALS)[number];

/** Lower case, accents off, typographic apostrophes as ASCII ones: the patterns below see one spelling. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2019\u2018`]/g, "'")
    .toLowerCase();
}

// French numbers (0X XX XX XX XX, +33 X…, 0033 X…) with spaces, dots or dashes between groups, and any run of
// 9+ digits whatever the separators (foreign or oddly written numbers). Dates (12/03/2026) and amounts are shorter.
const PHONE_PATTERNS = [/(?:\+\s*33|0033|\b0)\s*[1-9](?:[\s.-]*\d{2}){4}\b/, /(?:\d[\s.-]?){9,}/];
// An address, or one written to dodge filters: "lina at gmail dot com", "lina arobase gmail".
const EMAIL_PATTERNS = [
  /[a-z0-9._%+-]+\s*@\s*[a-z0-9-]+(?:\.[a-z0-9-]+)+/,
  /\barobase\b/,
  /\b[a-z0-9._-]+\s*(?:\(at\)|\[at\]| at )\s*[a-z0-9-]+\s*(?:\.|\(dot\)|\[dot\]| dot | point )\s*[a-z]{2,}\b/,
  /\b(?:gmail|hotmail|outlook|yahoo|icloud|laposte|orange|free|sfr|wanadoo)\s*(?:\.|point|dot)\s*(?:com|fr|net)\b/,
];
const MESSAGING_APP =
  /\b(?:whats\s*app|watsapp|whatsap|wsp|snap(?:chat)?|insta(?:gram)?|telegram|messenger|facebook|fb|tiktok|discord|viber|wechat)\b/;
// "ton/ta/votre numéro (perso)", "ton 06", "ton portable", "ton mail", "donne-moi ton…", "your number"…
const CONTACT_QUESTION = [
  /\b(?:ton|ta|votre|vos|tes)\s+(?:num(?:ero)?s?|tel(?:ephone)?s?|portables?|phone|06|07|adresses?\s+(?:e-?)?mails?|e-?mails?|mails?|adresses?\s+perso(?:nnelles?)?|contacts?\s+perso(?:nnels?)?)\b/,
  /\b(?:appelle|ecris|contacte|ajoute|texte)[\s-]*(?:moi|me)\b/,
  /\b(?:your|ur)\s+(?:phone|number|cell|mobile|e-?mail|email address|snap|insta)\b/,
  /\b(?:call|text|add|message|dm)\s+me\b/,
];

/** The kinds of off-app contact the text seems to ask for or give (empty: nothing to report). */
export function offAppContactSignals(text: string): ContactSignal[] {
  const t = fold(text);
  const found: ContactSignal[] = [];
  if (PHONE_PATTERNS.some((p) => p.test(t))) found.push('PHONE_NUMBER');
  if (EMAIL_PATTERNS.some((p) => p.test(t))) found.push('EMAIL_ADDRESS');
  if (MESSAGING_APP.test(t)) found.push('MESSAGING_APP');
  if (CONTACT_QUESTION.some((p) => p.test(t))) found.push('CONTACT_QUESTION');
  return found;
}

export function asksForOffAppContact(text: string): boolean {
  return offAppContactSignals(text).length > 0;
}

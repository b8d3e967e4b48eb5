import { asksForOffAppContact, offAppContactSignals } from './conversation.contact';
import { sendMessageSchema, MESSAGE_BODY_MAX } from './conversation.schemas';
import { normalizeFrenchPhone, frenchPhoneSchema } from '../student/student.phone';
import { cleanFileName, isAcceptedType } from '../file/file.rules';

describe('off-app contact rule', () => {
  it.each([
    ['Envoie-moi ton 06 sur WhatsApp', ['CONTACT_QUESTION', 'MESSAGING_APP']],
    ['Appelez-moi au 06 12 34 56 78', ['PHONE_NUMBER']],
    ['mon portable : +33 6 12 34 56 78', ['PHONE_NUMBER']],
    ['0612345678', ['PHONE_NUMBER']],
    ['écris-moi : patron.atelier@gmail.com', ['EMAIL_ADDRESS', 'CONTACT_QUESTION']],
    ['patron arobase gmail point com', ['EMAIL_ADDRESS']],
    ['tu as snap ?', ['MESSAGING_APP']],
    ['Ajoute-moi sur Insta', ['MESSAGING_APP', 'CONTACT_QUESTION']],
    ['Tu me donnes ton numéro perso ?', ['CONTACT_QUESTION']],
    ['Quelle est votre adresse mail personnelle ?', ['CONTACT_QUESTION']],
    ['Send me your number', ['CONTACT_QUESTION']],
  ])('flags %p', (text, expected) => {
    expect(offAppContactSignals(text).sort()).toEqual([...expected].sort());
  });

  it.each([
    'Votre entretien est prévu le 12/03/2026 à 14 h.',
    'Le salaire est de 1 450 € brut par mois, 35 heures.',
    'Merci pour votre candidature, nous avons bien reçu votre CV.',
    'Rendez-vous au 12 rue des Forges, atelier 3.',
    'Pouvez-vous signaler votre arrivée à l’accueil ?',
    'Nous fabriquons des pièces de précision pour l’aéronautique.',
  ])('does not flag %p', (text) => {
    expect(asksForOffAppContact(text)).toBe(false);
  });
});

describe('French phone numbers', () => {
  it.each([
    ['06 12 34 56 78', '06 12 34 56 78'],
    ['0612345678', '06 12 34 56 78'],
    ['06.12.34.56.78', '06 12 34 56 78'],
    ['06-12-34-56-78', '06 12 34 56 78'],
    ['+33 6 12 34 56 78', '06 12 34 56 78'],
    ['+33612345678', '06 12 34 56 78'],
    ['0033 1 23 45 67 89', '01 23 45 67 89'],
  ])('reads %p as %p', (input, expected) => {
    expect(normalizeFrenchPhone(input)).toBe(expected);
    expect(frenchPhoneSchema.parse(input)).toBe(expected);
  });

  it.each(['12345', '06 12 34 56', '00 12 34 56 78', '+44 20 7946 0958', 'zéro six', '061234567890'])(
    'refuses %p',
    (input) => {
      expect(normalizeFrenchPhone(input)).toBeNull();
      expect(frenchPhoneSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe('message schema', () => {
  const id = '0123456789abcdef01234567';
  it('needs text or an attachment, within the length limit', () => {
    expect(sendMessageSchema.safeParse({ applicationId: id, body: 'Bonjour' }).success).toBe(true);
    expect(sendMessageSchema.safeParse({ applicationId: id, attachmentIds: [id] }).success).toBe(true);
    expect(sendMessageSchema.safeParse({ applicationId: id, body: '  ' }).success).toBe(false);
    expect(sendMessageSchema.safeParse({ applicationId: id, body: 'x'.repeat(MESSAGE_BODY_MAX + 1) }).success).toBe(
      false,
    );
    expect(sendMessageSchema.safeParse({ applicationId: id, attachmentIds: Array(6).fill(id) }).success).toBe(false);
  });
});

describe('file rules', () => {
  it('accepts PDF for a CV, PDF and images for an attachment', () => {
    expect(isAcceptedType('CV', 'application/pdf')).toBe(true);
    expect(isAcceptedType('CV', 'image/png')).toBe(false);
    expect(isAcceptedType('ATTACHMENT', 'image/jpeg')).toBe(true);
    expect(isAcceptedType('ATTACHMENT', 'application/x-msdownload')).toBe(false);
    expect(isAcceptedType('ATTACHMENT', undefined)).toBe(false);
  });
  it('keeps a safe file name', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\lina\\CV "final".pdf')).toBe('CV final.pdf');
    expect(cleanFileName('')).toBe('document');
  });
});

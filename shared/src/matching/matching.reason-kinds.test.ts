import { MESSAGES } from '../messages/messages.catalog';
import { matchReasonKind, splitMatchReasons } from './matching.reason-kinds';

describe('match reasons for a 17-year-old', () => {
  test('every reason is a strength, a gap or the neutral "diploma asked"', () => {
    const keys = Object.keys(MESSAGES.fr).filter((k) => k.startsWith('matching.reason.'));
    const neutral = keys.filter((k) => matchReasonKind(k) === 'neutral');
    expect(neutral).toEqual(['matching.reason.diplomaAsked']);
  });
  test('no jargon: no ROME family, no "tour de mise en relation", no "rayon de mobilité"', () => {
    for (const locale of ['fr', 'en'] as const) {
      const texts = Object.entries(MESSAGES[locale]).filter(([k]) => k.startsWith('matching.'));
      expect(
        texts.filter(([, v]) => /\bROME\b|mise en relation|rayon de mobilité|mobility radius|\bround\b/.test(v)),
      ).toEqual([]);
    }
  });
  test('splits strengths and gaps', () => {
    const split = splitMatchReasons([
      { key: 'matching.reason.sameTrade' },
      { key: 'matching.reason.availableLate' },
      { key: 'matching.reason.skillsInCommon' },
    ]);
    expect(split.strengths.map((r) => r.key)).toEqual(['matching.reason.sameTrade', 'matching.reason.skillsInCommon']);
    expect(split.gaps.map((r) => r.key)).toEqual(['matching.reason.availableLate']);
  });
});

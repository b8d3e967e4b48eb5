import type { MatchReason } from './matching.score';

/** How a match reason reads for the student: a strength (what fits), a gap (what does not yet), or neutral. */
export type MatchReasonKind = 'strength' | 'gap' | 'neutral';

const STRENGTHS = new Set([
  'matching.reason.sameTrade',
  'matching.reason.relatedTrade',
  'matching.reason.withinRadius',
  'matching.reason.diplomaHigher',
  'matching.reason.diplomaSameLevel',
  'matching.reason.availableBeforeStart',
  'matching.reason.skillsInCommon',
  'matching.reason.partnerOfYourSchool',
  'matching.reason.partnerOfTheirSchool',
  'matching.reason.pastHires',
]);
const GAPS = new Set([
  'matching.reason.tradeUnknown',
  'matching.reason.otherTrade',
  'matching.reason.distanceUnknown',
  'matching.reason.outOfYourRadius',
  'matching.reason.outOfTheirRadius',
  'matching.reason.diplomaUnknown',
  'matching.reason.diplomaLower',
  'matching.reason.availabilityUnknown',
  'matching.reason.availableLate',
  'matching.reason.noSkillInCommon',
]);

/** The kind of a reason from its key (plural suffixes ignored); unknown keys are neutral. */
export function matchReasonKind(reason: Pick<MatchReason, 'key'> | string): MatchReasonKind {
  const key = (typeof reason === 'string' ? reason : reason.key).replace(/_(zero|one|two|few|many|other)$/, '');
  return STRENGTHS.has(key) ? 'strength' : GAPS.has(key) ? 'gap' : 'neutral';
}

/** Reasons split for display: strengths first, then gaps ("à travailler"); neutral ones go with the strengths. */
export function splitMatchReasons<T extends Pick<MatchReason, 'key'>>(
  reasons: readonly T[],
): { strengths: T[]; gaps: T[] } {
  const strengths: T[] = [];
  const gaps: T[] = [];
  for (const r of reasons) (matchReasonKind(r) === 'gap' ? gaps : strengths).push(r);
  return { strengths, gaps };
}

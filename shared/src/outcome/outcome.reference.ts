/**
 * The headline figures of the Écoles de Production network (the seeds the federation publishes), drawn as
 * reference lines on the dashboards and used to draw the demo cohorts. Rates are in [0, 1]; a range is given as
 * `low`..`high` where the network quotes one (90–93 % exam success, 5–6 promises per graduate).
 */
export const OUTCOME_REFERENCE = {
  examSuccessRate: { low: 0.9, high: 0.93 },
  positiveOutcomeRate: { low: 1, high: 1 },
  employedWithinTwoMonthsRate: { low: 0.55, high: 0.55 },
  continuingStudiesRate: { low: 0.45, high: 0.45 },
  promisesPerGraduate: { low: 5, high: 6 },
} as const;
export type OutcomeReferenceFigure = keyof typeof OUTCOME_REFERENCE;

/** The middle of a reference range: the single value a reference line is drawn at. */
export function referenceValue(figure: OutcomeReferenceFigure): number {
  const { low, high } = OUTCOME_REFERENCE[figure];
  return (low + high) / 2;
}

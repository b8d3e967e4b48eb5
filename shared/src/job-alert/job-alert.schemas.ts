import * as z from 'zod';
import { haversineKm, type GeoPoint } from '../common/common.geo';
import { idSchema } from '../common/common.schemas';
import { jobPromiseFilterSchema } from '../job-promise/job-promise.schemas';
import { msg } from '../messages/messages.zod';
import { foldedWords } from '../search/search.fold';
import { searchQueryTerms } from '../search/search.query';

/** Saved searches a student may keep at once. */
export const JOB_ALERTS_MAX = 10;
export const JOB_ALERT_NAME_MAX = 80;

/** What a saved search keeps of the search page's filter: trade, contract, distance, words. */
export const jobAlertFilterSchema = jobPromiseFilterSchema
  .pick({ trade: true, contractType: true, text: true, near: true })
  .refine((f) => Boolean(f.trade || f.contractType || f.text || f.near), msg('jobAlert.emptyFilter'));
export type JobAlertFilter = z.infer<typeof jobAlertFilterSchema>;

export const createJobAlertSchema = z.object({
  name: z
    .string(msg('validation.textExpected'))
    .trim()
    .min(1, msg('jobAlert.nameRequired'))
    .max(JOB_ALERT_NAME_MAX, msg('validation.maxChars', { max: JOB_ALERT_NAME_MAX })),
  filter: jobAlertFilterSchema,
});
export type CreateJobAlertInput = z.infer<typeof createJobAlertSchema>;

export const deleteJobAlertSchema = z.object({ id: idSchema });

/** What of a published promise an alert is matched against. */
export interface AlertablePromise {
  trade: string;
  contractType: string;
  title: string;
  description: string;
  skills: readonly string[];
  location: GeoPoint;
}

/**
 * True when a promise matches a saved search: every criterion set must hold; words match like the search page's
 * (any of the words, either gender, accents and case ignored), a word of the promise starting with the typed word
 * standing for the text index's stemming (plurals, "soudure" for "soud").
 */
export function jobAlertMatches(filter: JobAlertFilter, p: AlertablePromise): boolean {
  if (filter.trade && filter.trade !== p.trade) return false;
  if (filter.contractType && filter.contractType !== p.contractType) return false;
  if (filter.near && haversineKm(filter.near, p.location) > filter.near.radiusKm) return false;
  if (filter.text) {
    const terms = searchQueryTerms(filter.text);
    if (terms.length) {
      const words = new Set(foldedWords([p.title, p.description, ...p.skills].join(' ')));
      const stems = terms.map((t) => (t.length > 5 ? t.slice(0, t.length - 1) : t));
      const hit = stems.some((stem) => [...words].some((w) => w.startsWith(stem)));
      if (!hit) return false;
    }
  }
  return true;
}

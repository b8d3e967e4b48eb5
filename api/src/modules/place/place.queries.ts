import type { Town } from '@promesse/shared';
import { getGazetteer, regionOfCommune } from './place.gazetteer';

/** Reads the gazetteer now (a second or two of CPU) rather than on the first `towns` search. */
export function warmTowns(): void {
  getGazetteer();
}

/** For other modules: the gazetteer's town of this name (in this département when given), or null. */
export function findTown(name: string, departmentCode?: string): Town | null {
  return getGazetteer().find(name, departmentCode);
}

/** For other modules: the region of a town (the most populated commune of that name), or null. */
export function regionOfTown(name: string): string | null {
  return regionOfCommune(name);
}

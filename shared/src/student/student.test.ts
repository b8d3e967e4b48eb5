import { studentProfileSchema } from '..';

describe('student profile', () => {
  it('accepts an empty partial update', () => {
    expect(studentProfileSchema.parse({})).toEqual({});
  });

  it('accepts a full profile and normalises it', () => {
    const v = studentProfileSchema.parse({
      studentId: '64B7F0C2A1D3E4F5A6B7C8D9',
      trade: 'WELDING',
      diplomaLevel: 'CAP',
      graduationDate: '2025-06-30',
      skills: ['TIG', ' MIG '],
      city: ' Villeurbanne ',
      location: { lat: 45.77, lng: 4.88 },
      mobilityKm: 30,
      availableFrom: '2025-07-01',
    });
    expect(v).toMatchObject({ studentId: '64b7f0c2a1d3e4f5a6b7c8d9', skills: ['TIG', 'MIG'], city: 'Villeurbanne' });
    expect(v.graduationDate).toEqual(new Date('2025-06-30T00:00:00Z'));
  });

  it('treats null as absent', () => {
    expect(studentProfileSchema.parse({ diplomaLevel: null, city: null })).toEqual({});
  });

  it('rejects bad fields with paths', () => {
    const r = studentProfileSchema.safeParse({
      trade: 'ASTRONAUT',
      mobilityKm: 501,
      skills: Array.from({ length: 31 }, (_, i) => `s${i}`),
      location: { lat: 0 },
      availableFrom: 'demain',
      studentId: 'me',
    });
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'availableFrom',
      'location.lng',
      'mobilityKm',
      'skills',
      'studentId',
      'trade',
    ]);
    expect(studentProfileSchema.safeParse({ mobilityKm: -1 }).success).toBe(false);
    expect(studentProfileSchema.safeParse({ mobilityKm: 2.5 }).success).toBe(false);
    expect(studentProfileSchema.safeParse({ mobilityKm: 0 }).success).toBe(true);
    expect(studentProfileSchema.safeParse({ mobilityKm: 500 }).success).toBe(true);
  });
});

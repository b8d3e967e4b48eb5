import { createWorld, withTestApp, type TestApp, type World } from './helpers';

describe('accounts fixtures (createWorld) over real HTTP', () => {
  let t: TestApp;
  let w: World;
  withTestApp(createWorld, (app) => ({ t, fixtures: w } = app));

  it('creates every actor with working tokens', async () => {
    for (const a of [w.admin, w.staffA, w.staffB, w.companyA, w.companyB, w.studentA, w.studentB]) {
      const me = await t.ok<{ me: { id: string; role: string } }>('{ me { id role } }', undefined, a.token);
      expect(me.me).toEqual({ id: a.userId, role: a.role });
    }
    const p = await t.ok<{ partnerships: { status: string; school: { id: string } }[] }>(
      '{ partnerships { status school { id } } }',
      undefined,
      w.companyA.token,
    );
    expect(p.partnerships).toEqual([{ status: 'APPROVED', school: { id: w.schoolA.id } }]);
  });
});

import { ObjectId } from 'bson';
import { createCollectionIndexes, DuplicateKeyError } from './index';

describe('index layer: _id_ index', () => {
  it('rejects a duplicate _id with keyValue { _id }', () => {
    const ix = createCollectionIndexes('db.c');
    const id = new ObjectId();
    ix.check('r1', { _id: id });
    ix.apply('r1', undefined, { _id: id });
    let err: unknown;
    try {
      ix.check('r2', { _id: new ObjectId(id.toHexString()) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DuplicateKeyError);
    expect((err as DuplicateKeyError).code).toBe(11000);
    expect((err as DuplicateKeyError).keyValue).toEqual({ _id: id });
    expect(() => ix.check('r1', { _id: id, x: 1 })).not.toThrow();
  });

  it('lists _id_ and refuses to drop it', () => {
    const ix = createCollectionIndexes('db.c');
    expect(ix.list().map((s) => s.name)).toEqual(['_id_']);
    expect(() => ix.drop('_id_')).toThrow(expect.objectContaining({ code: 72 }));
    expect(() => ix.drop('nope')).toThrow(expect.objectContaining({ code: 27 }));
  });
});

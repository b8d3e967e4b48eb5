// Wire protocol: handshake over OP_QUERY and OP_MSG, replica-set announcement, bad input isolation.
import net from 'node:net';
import { BSON, Long } from 'bson';
import { MongoClient } from 'mongodb';
import { startTestServer, type TestServer } from './helpers';

function opQuery(requestId: number, ns: string, doc: object): Buffer {
  const body = Buffer.from(BSON.serialize(doc));
  const nsBuf = Buffer.from(`${ns}\0`);
  const len = 16 + 4 + nsBuf.length + 8 + body.length;
  const b = Buffer.alloc(len);
  b.writeInt32LE(len, 0);
  b.writeInt32LE(requestId, 4);
  b.writeInt32LE(0, 8);
  b.writeInt32LE(2004, 12);
  b.writeInt32LE(0, 16);
  nsBuf.copy(b, 20);
  b.writeInt32LE(0, 20 + nsBuf.length);
  b.writeInt32LE(-1, 24 + nsBuf.length);
  body.copy(b, 28 + nsBuf.length);
  return b;
}

function opMsg(requestId: number, doc: object, sequences: [string, object[]][] = [], checksum = false): Buffer {
  const body = Buffer.from(BSON.serialize(doc));
  const parts: Buffer[] = [Buffer.from([0]), body];
  for (const [id, docs] of sequences) {
    const payload = Buffer.concat([Buffer.from(`${id}\0`), ...docs.map((d) => Buffer.from(BSON.serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  if (checksum) parts.push(Buffer.alloc(4));
  const content = Buffer.concat(parts);
  const header = Buffer.alloc(20);
  header.writeInt32LE(20 + content.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(2013, 12);
  header.writeUInt32LE(checksum ? 1 : 0, 16);
  return Buffer.concat([header, content]);
}

/** Sends raw bytes, resolves with the first reply document (or 'closed' when the server hung up). */
function exchange(port: number, bytes: Buffer): Promise<Record<string, any> | 'closed'> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    let buf = Buffer.alloc(0);
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
        const op = buf.readInt32LE(12);
        const docStart = op === 1 ? 36 : 21;
        resolve(BSON.deserialize(buf.subarray(docStart, buf.readInt32LE(0))));
        s.destroy();
      }
    });
    s.on('close', () => resolve('closed'));
    s.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve('closed') : reject(e)));
  });
}

describe('wire protocol', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('answers the legacy OP_QUERY isMaster handshake with OP_REPLY announcing a replica set', async () => {
    const r = await exchange(t.server.port, opQuery(1, 'admin.$cmd', { isMaster: 1, helloOk: true }));
    expect(r).not.toBe('closed');
    const doc = r as Record<string, any>;
    expect(doc).toMatchObject({
      ok: 1,
      ismaster: true,
      setName: 'rs0',
      helloOk: true,
      maxWireVersion: 21,
      minWireVersion: 0,
      logicalSessionTimeoutMinutes: 30,
    });
    expect(doc.hosts).toEqual([`127.0.0.1:${t.server.port}`]);
    expect(doc.primary).toBe(`127.0.0.1:${t.server.port}`);
    expect(doc.me).toBe(doc.primary);
    expect(doc.topologyVersion.processId).toBeDefined();
    expect(doc.lastWrite.opTime.ts).toBeDefined();
    expect(doc.$clusterTime.clusterTime).toBeDefined();
    expect(doc.operationTime).toBeDefined();
  });

  it('accepts OP_MSG with kind-1 document sequences and a checksum', async () => {
    const r = (await exchange(
      t.server.port,
      opMsg(2, { insert: 'seq', $db: 'wire', ordered: true }, [['documents', [{ _id: 1 }, { _id: 2 }]]], true),
    )) as Record<string, any>;
    expect(r).toMatchObject({ ok: 1, n: 2 });
    expect(await t.client.db('wire').collection('seq').countDocuments()).toBe(2);
  });

  it('answers hello over OP_MSG', async () => {
    const r = await t.client.db('admin').command({ hello: 1 });
    expect(r).toMatchObject({ isWritablePrimary: true, setName: 'rs0', maxWireVersion: 21 });
    const b = await t.client.db('admin').command({ buildInfo: 1 });
    expect(b.version).toBe('7.0.0');
    expect(await t.client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('unknown command -> CommandNotFound (59)', async () => {
    const r = (await exchange(t.server.port, opMsg(3, { frobnicate: 1, $db: 'x' }))) as Record<string, any>;
    expect(r).toMatchObject({ ok: 0, code: 59, codeName: 'CommandNotFound' });
    expect(r.errmsg).toMatch(/frobnicate/);
  });

  it('closes only the connection that sends an oversized message', async () => {
    const header = Buffer.alloc(16);
    header.writeInt32LE(49 * 1024 * 1024, 0);
    header.writeInt32LE(2013, 12);
    expect(await exchange(t.server.port, header)).toBe('closed');
    expect(await t.client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('closes only the connection that sends malformed BSON', async () => {
    const good = opMsg(4, { ping: 1, $db: 'admin' });
    good.writeInt32LE(9999, 21); // corrupt the body document's length
    expect(await exchange(t.server.port, good)).toBe('closed');
    const garbage = Buffer.alloc(40, 0xff);
    garbage.writeInt32LE(40, 0);
    garbage.writeInt32LE(2013, 12);
    expect(await exchange(t.server.port, garbage)).toBe('closed');
    expect(await t.client.db('wire').collection('seq').countDocuments()).toBe(2);
  });

  it('lets the driver discover the replica set from a plain URI and with directConnection', async () => {
    for (const uri of [
      `mongodb://127.0.0.1:${t.server.port}/disc`,
      `mongodb://localhost:${t.server.port}/disc?directConnection=true`,
    ]) {
      const c = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 3000 });
      try {
        await c.db().collection('d').insertOne({ uri });
        expect(await c.db().collection('d').findOne({ uri })).toMatchObject({ uri });
      } finally {
        await c.close();
      }
    }
  });

  it('serves many concurrent clients', async () => {
    const clients = await Promise.all(
      Array.from({ length: 8 }, () => MongoClient.connect(t.server.uri, { directConnection: true })),
    );
    try {
      await Promise.all(
        clients.map((c, i) =>
          c
            .db('conc')
            .collection('c')
            .insertMany(Array.from({ length: 50 }, (_, j) => ({ i, j }))),
        ),
      );
      const counts = await Promise.all(clients.map((c, i) => c.db('conc').collection('c').countDocuments({ i })));
      expect(counts).toEqual(Array(8).fill(50));
      expect(await t.client.db('conc').collection('c').countDocuments()).toBe(400);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it('returns cursor ids as int64', async () => {
    await t.client
      .db('wire')
      .collection('many')
      .insertMany(Array.from({ length: 5 }, (_, i) => ({ i })));
    const r = await t.client.db('wire').command({ find: 'many', batchSize: 2 }, { promoteLongs: false });
    expect(r.cursor.id).toBeInstanceOf(Long);
    expect(r.cursor.firstBatch).toHaveLength(2);
  });
});

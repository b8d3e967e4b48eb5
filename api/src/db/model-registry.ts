import type { Connection, Schema } from 'mongoose';

// Models live on a dedicated mongoose Connection (several app instances can share one process in tests), so a
// module declares its schema here once and gets a typed accessor that binds it to any connection.
const registry = new Map<string, Schema>();

export function defineModel<TSchema extends Schema>(name: string, schema: TSchema) {
  const existing = registry.get(name);
  if (existing && existing !== schema) throw new Error(`Model ${name} is defined twice`);
  registry.set(name, schema);
  // connection.model(name, sameSchema) returns the already compiled model, so calling this per use is cheap.
  return (connection: Connection) => connection.model<TSchema>(name, schema);
}

/** Compiles every declared model on the connection and waits for their indexes (unique constraints included). */
export async function initModels(connection: Connection): Promise<void> {
  const models = [...registry].map(([name, schema]) => connection.model(name, schema));
  await Promise.all(models.map((model) => model.init()));
}

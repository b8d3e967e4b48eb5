import type { Connection, Schema } from 'mongoose';

// Models live on a dedicated mongoose Connection (several app instances can share one process in tests), so a
// module declares its schema here once and gets a typed accessor that binds it to any connection.
const registry = new Map<string, Schema>();

export function defineModel<TSchema extends Schema>(name: string, schema: TSchema) {
  const existing = registry.get(name);
  if (existing && existing !== schema) throw new Error(`Model ${name} is defined twice`);
  registry.set(name, schema);
  // Accessors run several times per request; connection.model() checks its arguments each time (0.5 % of a list
  // request's CPU in the profile of issue 19), so each connection's compiled model is kept here.
  const compiled = new WeakMap<Connection, ReturnType<typeof compile>>();
  const compile = (connection: Connection) => connection.model<TSchema>(name, schema);
  return (connection: Connection) => {
    let model = compiled.get(connection);
    if (!model) compiled.set(connection, (model = compile(connection)));
    return model;
  };
}

/** Compiles every declared model on the connection and waits for their indexes (unique constraints included). */
export async function initModels(connection: Connection): Promise<void> {
  const models = [...registry].map(([name, schema]) => connection.model(name, schema));
  await Promise.all(models.map((model) => model.init()));
}

import { Schema } from 'mongoose';
import { defineModel } from './model-registry';

// Small key/value flags about the database itself (e.g. `demoSeeded`), so one-off jobs run once per database.
const metaSchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: Schema.Types.Mixed },
  },
  { collection: 'meta', timestamps: true, versionKey: false },
);

export const metaModel = defineModel('Meta', metaSchema);

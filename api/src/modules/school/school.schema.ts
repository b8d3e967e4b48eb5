import {
  DIPLOMA_LEVELS,
  fromGeoJsonPoint,
  forbidden,
  unauthenticated,
  type AppError,
  TRADES,
  type GeoJsonPoint,
  type GeoPoint,
} from '@promesse/shared';
import { builder } from '../../graphql/builder';
import type { Actor } from '../../graphql/context';
import { UserRef } from '../auth/auth.schema';
import { StudentRef } from '../student/student.ref';
import type { SchoolDoc } from './school.model';
import { canSeeSchoolMembers } from './school.policy';
import { createSchool, getSchool, listSchools } from './school.service';

// Types shared by every module's schema (enums from shared/, never retyped).
export const TradeEnum = builder.enumType('Trade', { values: TRADES });
export const DiplomaLevelEnum = builder.enumType('DiplomaLevel', { values: DIPLOMA_LEVELS });

export const GeoPointRef = builder.objectRef<GeoPoint>('GeoPoint').implement({
  fields: (t) => ({
    lat: t.exposeFloat('lat'),
    lng: t.exposeFloat('lng'),
  }),
});

export const GeoPointInputRef = builder.inputType('GeoPointInput', {
  fields: (t) => ({
    lat: t.float({ required: true }),
    lng: t.float({ required: true }),
  }),
});

/** Stored GeoJSON ([lng, lat]) to the API's { lat, lng }. */
export function geoPointOf(location: unknown): GeoPoint | null {
  const p = location as GeoJsonPoint | null | undefined;
  return p?.coordinates?.length === 2 ? fromGeoJsonPoint(p) : null;
}

export const SchoolRef = builder.objectRef<SchoolDoc>('School');

function membersRefusal(actor: Actor | null): AppError {
  return actor ? forbidden('Réservé à l’équipe de l’école') : unauthenticated();
}

SchoolRef.implement({
  description: 'An École de Production. Public: name, city, place and trades; members: its staff and the admin only.',
  fields: (t) => ({
    id: t.id({ resolve: (s) => s._id }),
    name: t.exposeString('name'),
    city: t.exposeString('city'),
    location: t.field({ type: GeoPointRef, resolve: (s) => geoPointOf(s.location)! }),
    trades: t.field({ type: [TradeEnum], resolve: (s) => s.trades }),
    students: t.field({
      type: [StudentRef],
      nullable: true,
      description: 'Staff of this school and the federation admin only (FORBIDDEN otherwise).',
      resolve: (s, _args, ctx) => {
        if (!canSeeSchoolMembers(ctx.actor, s._id)) throw membersRefusal(ctx.actor);
        return ctx.loaders.studentsBySchoolId.load(String(s._id));
      },
    }),
    staff: t.field({
      type: [UserRef],
      nullable: true,
      description: 'Staff of this school and the federation admin only (FORBIDDEN otherwise).',
      resolve: (s, _args, ctx) => {
        if (!canSeeSchoolMembers(ctx.actor, s._id)) throw membersRefusal(ctx.actor);
        return ctx.loaders.staffBySchoolId.load(String(s._id));
      },
    }),
  }),
});

export const CreateSchoolInputRef = builder.inputType('CreateSchoolInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    city: t.string({ required: true }),
    location: t.field({ type: GeoPointInputRef, required: true }),
    trades: t.field({ type: [TradeEnum], required: true }),
  }),
});

builder.queryField('schools', (t) =>
  t.field({
    type: [SchoolRef],
    description: 'Every school, by name. Public (schools are public institutions).',
    resolve: (_root, _args, ctx) => listSchools(ctx.deps),
  }),
);

builder.queryField('school', (t) =>
  t.field({
    type: SchoolRef,
    nullable: true,
    description: 'Public. Unknown or malformed id: NOT_FOUND.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getSchool(ctx.deps, String(args.id)),
  }),
);

builder.mutationField('createSchool', (t) =>
  t.field({
    type: SchoolRef,
    authScopes: { federationAdmin: true },
    args: { input: t.arg({ type: CreateSchoolInputRef, required: true }) },
    resolve: (_root, args, ctx) => createSchool(ctx.deps, args.input, ctx.actor!),
  }),
);

import {
  APPLICATION_SOURCES,
  APPLICATION_STATUSES,
  CONTRACT_TYPES,
  DISTANCE_BAND_VALUES,
  DIPLOMA_LEVELS,
  INVITABLE_ROLES,
  JOB_PROMISE_STATUSES,
  LOCALES,
  NOTIFICATION_TYPES,
  PARTNERSHIP_STATUSES,
  RECOMMENDATION_STATUSES,
  ROLES,
  STUDENT_SITUATIONS,
  TRADES,
  type GeoPoint,
} from '@promesse/shared';
import { builder } from './builder';

// Enums and value types used across modules, built from shared/ (never retyped).
export const RoleEnum = builder.enumType('Role', { values: ROLES });
export const InvitableRoleEnum = builder.enumType('InvitableRole', { values: INVITABLE_ROLES });
export const LocaleEnum = builder.enumType('Locale', { values: LOCALES });
export const TradeEnum = builder.enumType('Trade', { values: TRADES });
export const DiplomaLevelEnum = builder.enumType('DiplomaLevel', { values: DIPLOMA_LEVELS });
export const ContractTypeEnum = builder.enumType('ContractType', { values: CONTRACT_TYPES });
export const JobPromiseStatusEnum = builder.enumType('JobPromiseStatus', { values: JOB_PROMISE_STATUSES });
export const ApplicationStatusEnum = builder.enumType('ApplicationStatus', { values: APPLICATION_STATUSES });
export const ApplicationSourceEnum = builder.enumType('ApplicationSource', { values: APPLICATION_SOURCES });
export const RecommendationStatusEnum = builder.enumType('RecommendationStatus', { values: RECOMMENDATION_STATUSES });
export const StudentSituationEnum = builder.enumType('StudentSituation', { values: STUDENT_SITUATIONS });
export const PartnershipStatusEnum = builder.enumType('PartnershipStatus', { values: PARTNERSHIP_STATUSES });
export const NotificationTypeEnum = builder.enumType('NotificationType', { values: NOTIFICATION_TYPES });

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

/** Stored GeoJSON ([lng, lat]) to the API's { lat, lng }; null unless it is a point. */
export function geoPointOf(location: { coordinates?: readonly number[] | null } | null | undefined): GeoPoint | null {
  const [lng, lat, ...rest] = location?.coordinates ?? [];
  return lng === undefined || lat === undefined || rest.length ? null : { lat, lng };
}

/** A relation that must exist (referential integrity): a dangling one is a server error, not a null. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value == null) throw new Error(`dangling reference: ${what}`);
  return value;
}

/** The distance bands a company sees (issue 13; shared DISTANCE_BANDS). */
export const DistanceBandEnum = builder.enumType('DistanceBand', {
  values: DISTANCE_BAND_VALUES,
  description: 'Band of the distance between a student’s town and a promise: < 10 km, 10–25, 25–50, > 50 km.',
});

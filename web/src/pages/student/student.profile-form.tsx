import type { ReactNode } from 'react';
import { useMutation } from 'urql';
import {
  DIPLOMA_LEVEL_LABELS,
  DIPLOMA_LEVELS,
  labelOf,
  MOBILITY_KM_MAX,
  studentProfileSchema,
  TRADE_LABELS,
  TRADES,
} from '@promesse/shared';
import { FormField } from '../../components/form-field';
import { formValues } from '../../components/form-values';
import { toDateInput } from '../../components/format';
import { SelectField } from '../../components/select-field';
import { townInput, TownSelect } from '../../components/town-select';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { graphql, type StudentProfileFieldsFragment } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';

export const StudentProfileFields = graphql(`
  fragment StudentProfileFields on Student {
    id
    trade
    diplomaLevel
    graduationDate
    skills
    city
    location {
      lat
      lng
    }
    mobilityKm
    availableFrom
    phone
  }
`);

const UpdateStudentProfileDocument = graphql(`
  mutation UpdateStudentProfile($input: StudentProfileInput!) {
    updateStudentProfile(input: $input) {
      ...StudentProfileFields
    }
  }
`);

/**
 * A student's profile, edited by the student (own profile) or by their school's staff (`studentId`). Both pick
 * the town from the same list and send its coordinates, so matching always measures from the town shown.
 */
export function StudentProfileForm({
  profile,
  studentId,
  submitLabel,
  className = 'form',
  children,
}: {
  profile: StudentProfileFieldsFragment;
  studentId?: string;
  submitLabel: string;
  className?: string;
  children?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const [, update] = useMutation(UpdateStudentProfileDocument);
  const form = useValidatedForm(studentProfileSchema, async (v) => {
    // Absent fields are sent as null: the API leaves them unchanged.
    const res = await update({
      input: {
        studentId: v.studentId ?? null,
        trade: v.trade ?? null,
        diplomaLevel: v.diplomaLevel ?? null,
        graduationDate: v.graduationDate?.toISOString() ?? null,
        availableFrom: v.availableFrom?.toISOString() ?? null,
        skills: v.skills ?? null,
        city: v.city ?? null,
        location: v.location ?? null,
        mobilityKm: v.mobilityKm ?? null,
        phone: v.phone ?? null,
        removePhone: v.removePhone ?? null,
      },
    });
    return res.error ? res : { success: t('student.profile.saved') };
  });
  const read = (data: FormData) => {
    const f = formValues(data);
    return {
      studentId,
      trade: f.optional('trade'),
      diplomaLevel: f.optional('diplomaLevel'),
      graduationDate: f.optional('graduationDate'),
      availableFrom: f.optional('availableFrom'),
      skills: f.list('skills'),
      ...townInput(data),
      mobilityKm: f.number('mobilityKm'),
      phone: f.optional('phone'),
      // Emptied: the number is removed (a blank field otherwise means "unchanged").
      removePhone: !f.optional('phone') && Boolean(profile.phone) ? true : undefined,
    };
  };
  const { errors } = form;

  return (
    <>
      <FormMessage form={form} testId="profile-message" />
      <form className={className} {...form.props(read)}>
        {children}
        <SelectField
          label={t('student.profile.trade')}
          name="trade"
          defaultValue={profile.trade ?? ''}
          options={TRADES.map((v) => ({ value: v, label: labelOf(TRADE_LABELS, v, locale) }))}
          placeholder={t('student.profile.choose')}
          error={errors['trade']}
        />
        <SelectField
          label={t('student.profile.diploma')}
          name="diplomaLevel"
          defaultValue={profile.diplomaLevel ?? ''}
          options={DIPLOMA_LEVELS.map((v) => ({ value: v, label: labelOf(DIPLOMA_LEVEL_LABELS, v, locale) }))}
          placeholder={t('student.profile.choose')}
          error={errors['diplomaLevel']}
        />
        <FormField
          label={t('student.profile.graduationDate')}
          name="graduationDate"
          type="date"
          defaultValue={toDateInput(profile.graduationDate)}
          error={errors['graduationDate']}
        />
        <FormField
          label={t('student.profile.skills')}
          hint={t('student.profile.skillsHint')}
          name="skills"
          defaultValue={profile.skills.join(', ')}
          error={errors['skills']}
        />
        <TownSelect
          label={t('student.profile.city')}
          placeholder={t('student.profile.choose')}
          defaultTown={profile.city && profile.location ? { name: profile.city, location: profile.location } : null}
          error={errors['city'] ?? errors['location']}
        />
        <FormField
          label={t('student.profile.mobility')}
          hint={t('student.profile.mobilityHint', { max: MOBILITY_KM_MAX })}
          name="mobilityKm"
          type="number"
          inputMode="numeric"
          min={0}
          max={MOBILITY_KM_MAX}
          defaultValue={profile.mobilityKm}
          error={errors['mobilityKm']}
        />
        <FormField
          label={t('student.profile.availableFrom')}
          name="availableFrom"
          type="date"
          defaultValue={toDateInput(profile.availableFrom)}
          error={errors['availableFrom']}
        />
        <FormField
          label={t('student.profile.phone')}
          hint={t('student.profile.phoneHint')}
          name="phone"
          type="tel"
          autoComplete="tel"
          defaultValue={profile.phone ?? ''}
          error={errors['phone']}
        />
        <div className="form__actions">
          <SubmitButton form={form} label={submitLabel} busyLabel={t('student.profile.saving')} />
        </div>
      </form>
    </>
  );
}

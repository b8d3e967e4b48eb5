import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
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
import { focusFirstInvalid, mutationErrors, zodFieldErrors } from '../../components/form-errors';
import { toDateInput } from '../../components/format';
import { SelectField } from '../../components/select-field';
import { ErrorState, LoadingState } from '../../components/states';
import { findTown, townsWith, TownSelect } from '../../components/town-select';
import type { MyStudentProfileQuery } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { MyStudentProfileDocument, UpdateStudentProfileDocument } from './student.documents';

type Profile = MyStudentProfileQuery['myStudentProfile'];

export function StudentProfilePage() {
  const { t } = useI18n();
  useDocumentTitle(t('student.profile.title'));
  const [result, reexecute] = useQuery({ query: MyStudentProfileDocument, requestPolicy: 'cache-and-network' });
  const profile = result.data?.myStudentProfile;
  return (
    <div className="page page--narrow">
      <h1>{t('student.profile.title')}</h1>
      <p className="page__lead">{t('student.profile.lead')}</p>
      {result.error && !profile ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !profile ? (
        <LoadingState />
      ) : (
        <ProfileForm key={profile.id} profile={profile} />
      )}
    </div>
  );
}

function ProfileForm({ profile }: { profile: Profile }) {
  const { t, locale } = useI18n();
  const [{ fetching }, update] = useMutation(UpdateStudentProfileDocument);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const towns = townsWith(profile.city && profile.location ? { name: profile.city, location: profile.location } : null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const town = findTown(towns, text('city'));
    const parsed = studentProfileSchema.safeParse({
      trade: text('trade') || undefined,
      diplomaLevel: text('diplomaLevel') || undefined,
      graduationDate: text('graduationDate') || undefined,
      availableFrom: text('availableFrom') || undefined,
      skills: text('skills')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      city: town?.name,
      location: town?.location,
      mobilityKm: text('mobilityKm') === '' ? undefined : Number(text('mobilityKm')),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      setMessage(null);
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors({});
    const v = parsed.data;
    const res = await update({
      input: {
        trade: v.trade ?? null,
        diplomaLevel: v.diplomaLevel ?? null,
        graduationDate: v.graduationDate?.toISOString() ?? null,
        availableFrom: v.availableFrom?.toISOString() ?? null,
        skills: v.skills ?? null,
        city: v.city ?? null,
        location: v.location ?? null,
        mobilityKm: v.mobilityKm ?? null,
      },
    });
    if (res.error) {
      const mapped = mutationErrors(res.error, locale);
      setErrors(mapped.fields);
      setMessage({ kind: 'error', text: mapped.form });
    } else {
      setMessage({ kind: 'success', text: t('student.profile.saved') });
    }
    requestAnimationFrame(() => messageRef.current?.focus());
  };

  return (
    <>
      {message ? (
        <div
          ref={messageRef}
          tabIndex={-1}
          className={`alert ${message.kind === 'error' ? 'alert--error' : 'alert--success'}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="profile-message"
        >
          {message.text}
        </div>
      ) : null}
      <form ref={formRef} className="form card" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={fetching}>
        <p>{t('student.profile.school', { school: profile.school.name })}</p>
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
          error={errors['skills'] ?? Object.entries(errors).find(([k]) => k.startsWith('skills.'))?.[1]}
        />
        <TownSelect
          label={t('student.profile.city')}
          placeholder={t('student.profile.choose')}
          towns={towns}
          defaultValue={profile.city ?? ''}
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
        <button type="submit" className="button button--primary" disabled={fetching}>
          {fetching ? t('student.profile.saving') : t('student.profile.save')}
        </button>
      </form>
    </>
  );
}

import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  CONTRACT_TYPE_LABELS,
  CONTRACT_TYPES,
  DIPLOMA_LEVEL_LABELS,
  DIPLOMA_LEVELS,
  jobPromiseCreateFieldsSchema,
  jobPromiseInputSchema,
  labelOf,
  POSITIONS_MAX,
  TRADE_LABELS,
  TRADES,
} from '@promesse/shared';
import { FormField, TextAreaField } from '../../components/form-field';
import { errorText } from '../../components/form-errors';
import { formValues } from '../../components/form-values';
import { toDateInput } from '../../components/format';
import { SelectField } from '../../components/select-field';
import { ErrorState, LoadingState } from '../../components/states';
import { pickedTown, townInput, TownSelect } from '../../components/town-select';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import type { CompanyPromiseFieldsFragment } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { CompanyPromiseDocument, PartnerSchoolsDocument, UpdateJobPromiseDocument } from './company.documents';
import { DraftJobPromiseDocument } from './company.hiring.documents';

/** `/entreprise/promesses/nouvelle` and `/entreprise/promesses/:id/modifier` (drafts, and open promises' text). */
export function CompanyPromiseFormPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const [result, reexecute] = useQuery({ query: CompanyPromiseDocument, variables: { id: id ?? '' }, pause: !id });
  const published = result.data?.jobPromise?.status === 'OPEN';
  const title = !id ? t('company.form.createTitle') : published ? t('hiring.edit.title') : t('company.form.editTitle');
  useDocumentTitle(title);
  const existing = result.data?.jobPromise ?? null;

  let body;
  if (!id) body = <PromiseForm existing={null} />;
  else if (result.error && !existing) {
    body = <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  } else if (!existing) body = <LoadingState />;
  else if (existing.status !== 'DRAFT' && existing.status !== 'OPEN') {
    body = <p className="alert alert--error">{t('company.form.notDraft')}</p>;
  } else body = <PromiseForm key={existing.id} existing={existing} />;

  return (
    <div className="page page--narrow">
      <p className="page__eyebrow">
        <Link to="/entreprise">{t('company.promises.back')}</Link>
      </p>
      <h1>{title}</h1>
      <p className="page__lead">{published ? t('hiring.edit.lead') : t('company.form.lead')}</p>
      {body}
    </div>
  );
}

function PromiseForm({ existing }: { existing: CompanyPromiseFieldsFragment | null }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  // A draft is saved whatever the partnerships' state (publishing waits for an approved one).
  const [, create] = useMutation(DraftJobPromiseDocument);
  const [, update] = useMutation(UpdateJobPromiseDocument);
  const [partners] = useQuery({ query: PartnerSchoolsDocument });
  const partnerSchools = partners.data?.partnerships.map((p) => p.school) ?? [];
  const targeted = new Set(existing?.schools.map((school) => school.id) ?? []);
  // A published promise keeps its trade, contract, place and schools; its dates are checked by the API only when
  // they change (an unchanged start date may already be past).
  const published = existing?.status === 'OPEN';

  const form = useValidatedForm(
    // The API's own schema: the same messages and date rules on both sides.
    published ? jobPromiseCreateFieldsSchema : jobPromiseInputSchema,
    async (v) => {
      const input = {
        ...v,
        diplomaLevel: v.diplomaLevel ?? null,
        startDate: v.startDate.toISOString(),
        expiresAt: v.expiresAt.toISOString(),
      };
      const editable = {
        title: input.title,
        description: input.description,
        diplomaLevel: input.diplomaLevel,
        positions: input.positions,
        skills: input.skills,
        startDate: input.startDate,
        expiresAt: input.expiresAt,
      };
      const res = existing
        ? await update({ input: { id: existing.id, ...(published ? editable : input) } })
        : await create({ input });
      const saved = res.data && ('draftJobPromise' in res.data ? res.data.draftJobPromise : res.data.updateJobPromise);
      if (!saved) return res;
      void navigate(`/entreprise/promesses/${saved.id}`);
    },
    {
      adjustErrors: (errors, data) => {
        const out = { ...errors };
        if (!published && !pickedTown(data)) out['city'] = t('company.form.cityRequired');
        // An unanswered select or date reads better as "required" than as the schema's "unknown value".
        for (const key of ['trade', 'contractType', 'startDate', 'expiresAt']) {
          if (out[key] && !data.get(key)) out[key] = t('company.form.required');
        }
        return out;
      },
    },
  );

  const read = (data: FormData) => {
    const f = formValues(data);
    return {
      title: f.text('title'),
      description: f.text('description'),
      trade: f.optional('trade'),
      contractType: f.optional('contractType'),
      diplomaLevel: f.optional('diplomaLevel'),
      positions: f.number('positions'),
      skills: f.list('skills'),
      ...townInput(data),
      startDate: f.optional('startDate'),
      expiresAt: f.optional('expiresAt'),
      schoolIds: f.all('schoolIds'),
      ...(published && existing
        ? {
            trade: existing.trade,
            contractType: existing.contractType,
            city: existing.city,
            location: existing.location,
            schoolIds: existing.schools.map((school) => school.id),
          }
        : {}),
    };
  };
  const errors = form.errors;

  return (
    <>
      <FormMessage form={form} testId="promise-form-error" />
      <form className="form card" {...form.props(read)}>
        <FormField
          label={t('company.form.title')}
          name="title"
          defaultValue={existing?.title}
          required
          error={errors['title']}
        />
        <TextAreaField
          label={t('company.form.description')}
          name="description"
          rows={6}
          defaultValue={existing?.description}
          required
          error={errors['description']}
        />
        <SelectField
          label={t('company.form.trade')}
          name="trade"
          defaultValue={existing?.trade ?? ''}
          options={TRADES.map((v) => ({ value: v, label: labelOf(TRADE_LABELS, v, locale) }))}
          placeholder={t('company.form.choose')}
          required
          disabled={published}
          hint={published ? t('hiring.edit.fixed') : undefined}
          error={errors['trade']}
        />
        <SelectField
          label={t('company.form.contract')}
          name="contractType"
          defaultValue={existing?.contractType ?? ''}
          options={CONTRACT_TYPES.map((v) => ({ value: v, label: labelOf(CONTRACT_TYPE_LABELS, v, locale) }))}
          placeholder={t('company.form.choose')}
          required
          disabled={published}
          hint={published ? t('hiring.edit.fixed') : undefined}
          error={errors['contractType']}
        />
        <SelectField
          label={t('company.form.diploma')}
          name="diplomaLevel"
          defaultValue={existing?.diplomaLevel ?? ''}
          options={DIPLOMA_LEVELS.map((v) => ({ value: v, label: labelOf(DIPLOMA_LEVEL_LABELS, v, locale) }))}
          placeholder={t('company.form.anyDiploma')}
          error={errors['diplomaLevel']}
        />
        <FormField
          label={t('company.form.positions')}
          name="positions"
          type="number"
          inputMode="numeric"
          min={Math.max(1, existing?.hiredCount ?? 0)}
          max={POSITIONS_MAX}
          hint={
            published && existing?.hiredCount
              ? t('hiring.edit.positionsHint', { count: existing.hiredCount })
              : undefined
          }
          defaultValue={existing?.positions ?? 1}
          required
          error={errors['positions']}
        />
        <FormField
          label={t('company.form.skills')}
          hint={t('company.form.skillsHint')}
          name="skills"
          defaultValue={existing?.skills.join(', ')}
          error={errors['skills']}
        />
        {published && existing ? (
          <p className="field">
            <span className="field__label">{t('company.form.city')}</span> {existing.city}
            <span className="field__hint"> — {t('hiring.edit.fixed')}</span>
          </p>
        ) : (
          <TownSelect
            label={t('company.form.city')}
            placeholder={t('company.form.choose')}
            defaultTown={existing ? { name: existing.city, location: existing.location } : null}
            required
            error={errors['city'] ?? errors['location']}
          />
        )}
        <FormField
          label={t('company.form.startDate')}
          name="startDate"
          type="date"
          defaultValue={toDateInput(existing?.startDate)}
          required
          error={errors['startDate']}
        />
        <FormField
          label={t('company.form.expiresAt')}
          hint={t('company.form.expiresHint')}
          name="expiresAt"
          type="date"
          defaultValue={toDateInput(existing?.expiresAt)}
          required
          error={errors['expiresAt']}
        />
        {published && existing ? (
          <p className="field">
            <span className="field__label">{t('company.form.schools')}</span>{' '}
            {existing.schools.map((school) => school.name).join(', ')}
          </p>
        ) : (
          <fieldset className="field fieldset" aria-describedby="promise-schools-hint">
            <legend className="field__label">{t('company.form.schools')}</legend>
            <p id="promise-schools-hint" className="field__hint">
              {t('company.form.schoolsHint')}
            </p>
            {errors['schoolIds'] ? <p className="field__error">{errors['schoolIds']}</p> : null}
            {partners.error ? (
              <p className="field__error">{errorText(partners.error, locale)}</p>
            ) : partners.fetching && !partners.data ? (
              <p>{t('state.loading')}</p>
            ) : partnerSchools.length === 0 ? (
              <p>{t('company.form.noPartner')}</p>
            ) : (
              <ul className="checklist">
                {partnerSchools.map((school) => (
                  <li key={school.id}>
                    <label>
                      <input
                        type="checkbox"
                        name="schoolIds"
                        value={school.id}
                        defaultChecked={targeted.has(school.id)}
                      />{' '}
                      {school.name} ({school.city})
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
        )}
        <SubmitButton
          form={form}
          label={existing ? t('company.form.saveChanges') : t('company.form.saveDraft')}
          busyLabel={t('company.form.saving')}
        />
      </form>
    </>
  );
}

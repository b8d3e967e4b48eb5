import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  CONTRACT_TYPE_LABELS,
  DIPLOMA_LEVEL_LABELS,
  DIPLOMA_LEVELS,
  labelOf,
  studentProfileSchema,
  TRADE_LABELS,
  TRADES,
} from '@promesse/shared';
import { FormField } from '../../components/form-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { graphql } from '../../gql';
import { toUserFacingError } from '../../lib/errors/errors.map';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { useMySchool } from './school.context';
import { dateValue, fieldErrorsOf, SelectField } from './school.forms';
import { SchoolNav } from './school.nav';
import { RecommendForm } from './school.recommend';

const SchoolStudentDocument = graphql(`
  query SchoolStudent($id: ID!) {
    student(id: $id) {
      id
      displayName
      email
      trade
      diplomaLevel
      graduationDate
      skills
      city
      mobilityKm
      availableFrom
    }
  }
`);

const OpenPromisesForSchoolDocument = graphql(`
  query OpenPromisesForSchool($schoolId: ID!) {
    jobPromises(filter: { schoolId: $schoolId, status: OPEN }, first: 50) {
      edges {
        node {
          id
          title
          trade
          contractType
          city
          company {
            id
            name
          }
        }
      }
    }
  }
`);

const UpdateStudentProfileDocument = graphql(`
  mutation StaffUpdateStudentProfile($input: StudentProfileInput!) {
    updateStudentProfile(input: $input) {
      id
      trade
      diplomaLevel
      graduationDate
      skills
      city
      mobilityKm
      availableFrom
    }
  }
`);

export function SchoolStudentPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const my = useMySchool();
  const [result, reexecute] = useQuery({ query: SchoolStudentDocument, variables: { id } });
  const [promises] = useQuery({
    query: OpenPromisesForSchoolDocument,
    variables: { schoolId: my.school?.id ?? '' },
    pause: !my.school,
  });
  const [save, update] = useMutation(UpdateStudentProfileDocument);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [promiseId, setPromiseId] = useState('');
  const student = result.data?.student ?? null;
  useDocumentTitle(student ? student.displayName : t('school.studentTitle'));

  if (result.error)
    return <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!result.data) return <LoadingState />;
  if (!student) {
    return (
      <EmptyState title={t('school.studentMissing')}>
        <Link to="/ecole">{t('school.backToRoster')}</Link>
      </EmptyState>
    );
  }

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const skills = String(f.get('skills') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const mobility = String(f.get('mobilityKm') ?? '').trim();
    const parsed = studentProfileSchema.safeParse({
      studentId: student.id,
      trade: f.get('trade'),
      diplomaLevel: f.get('diplomaLevel'),
      graduationDate: f.get('graduationDate'),
      availableFrom: f.get('availableFrom'),
      city: f.get('city'),
      skills,
      mobilityKm: mobility === '' ? null : Number(mobility),
    });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setMessage(null);
      return;
    }
    setErrors({});
    const d = parsed.data;
    const r = await update({
      input: {
        studentId: student.id,
        trade: d.trade ?? null,
        diplomaLevel: d.diplomaLevel ?? null,
        graduationDate: d.graduationDate?.toISOString() ?? null,
        availableFrom: d.availableFrom?.toISOString() ?? null,
        city: d.city ?? null,
        skills: d.skills ?? [],
        mobilityKm: d.mobilityKm ?? null,
      },
    });
    if (r.data) {
      setMessage({ ok: true, text: t('school.profileSaved') });
      return;
    }
    const mapped = toUserFacingError(r.error, locale);
    setErrors(mapped.fieldIssues);
    setMessage({ ok: false, text: mapped.detail ?? mapped.message });
  };

  const open = promises.data?.jobPromises.edges.map((e) => e.node) ?? [];
  const chosen = open.find((p) => p.id === promiseId);

  return (
    <div className="page">
      <p className="page__eyebrow">{t('school.studentTitle')}</p>
      <h1>{student.displayName}</h1>
      <SchoolNav />
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('school.profileTitle')}</h2>
        {student.email ? <p className="field__hint">{student.email}</p> : null}
        <form className="form form--grid" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={save.fetching}>
          <SelectField
            label={t('school.fieldTrade')}
            name="trade"
            defaultValue={student.trade ?? ''}
            error={errors['trade']}
          >
            <option value="">{t('school.notSet')}</option>
            {TRADES.map((v) => (
              <option key={v} value={v}>
                {labelOf(TRADE_LABELS, v, locale)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('school.fieldDiploma')}
            name="diplomaLevel"
            defaultValue={student.diplomaLevel ?? ''}
            error={errors['diplomaLevel']}
          >
            <option value="">{t('school.notSet')}</option>
            {DIPLOMA_LEVELS.map((v) => (
              <option key={v} value={v}>
                {labelOf(DIPLOMA_LEVEL_LABELS, v, locale)}
              </option>
            ))}
          </SelectField>
          <FormField
            label={t('school.fieldGraduation')}
            name="graduationDate"
            type="date"
            defaultValue={dateValue(student.graduationDate)}
            error={errors['graduationDate']}
          />
          <FormField
            label={t('school.fieldAvailable')}
            name="availableFrom"
            type="date"
            defaultValue={dateValue(student.availableFrom)}
            error={errors['availableFrom']}
          />
          <FormField
            label={t('school.fieldCity')}
            name="city"
            defaultValue={student.city ?? ''}
            error={errors['city']}
          />
          <FormField
            label={t('school.fieldMobility')}
            name="mobilityKm"
            type="number"
            min={0}
            inputMode="numeric"
            defaultValue={String(student.mobilityKm)}
            error={errors['mobilityKm']}
          />
          <FormField
            label={t('school.fieldSkills')}
            hint={t('school.fieldSkillsHint')}
            name="skills"
            defaultValue={student.skills.join(', ')}
            error={errors['skills']}
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={save.fetching}>
              {t('school.profileSave')}
            </button>
          </div>
        </form>
        {message ? (
          <p
            className={`alert ${message.ok ? 'alert--success' : 'alert--error'}`}
            role={message.ok ? 'status' : 'alert'}
          >
            {message.text}
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="recommend-title">
        <h2 id="recommend-title">{t('school.recommendTitle')}</h2>
        {promises.error ? (
          <ErrorState error={promises.error} />
        ) : !promises.data ? (
          <LoadingState />
        ) : open.length === 0 ? (
          <p>{t('school.noOpenPromises')}</p>
        ) : (
          <>
            <SelectField
              label={t('school.pickPromise')}
              value={promiseId}
              onChange={(e) => setPromiseId(e.target.value)}
            >
              <option value="">{t('school.pickPromisePlaceholder')}</option>
              {open.map((p) => (
                <option key={p.id} value={p.id}>
                  {`${p.title} — ${p.company.name}, ${p.city} (${labelOf(CONTRACT_TYPE_LABELS, p.contractType, locale)})`}
                </option>
              ))}
            </SelectField>
            <RecommendForm
              key={promiseId}
              jobPromiseId={promiseId || null}
              studentId={student.id}
              subject={chosen?.title ?? student.displayName}
            />
          </>
        )}
      </section>
    </div>
  );
}

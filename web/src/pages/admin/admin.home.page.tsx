import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { createSchoolSchema, labelOf, ROLE_LABELS, TRADE_LABELS, TRADES } from '@promesse/shared';
import { useSession } from '../../app/app.session';
import { FormField } from '../../components/form-field';
import { formValues } from '../../components/form-values';
import { SelectField } from '../../components/select-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { TableWrap } from '../../components/table-wrap';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { InviteForm } from '../school/school.home.page';
import { PendingInvitations } from '../../components/pending-invitations';
import { AdminOperations } from './admin.operations';

const AdminSchoolsDocument = graphql(`
  query AdminSchools {
    schools {
      id
      name
      city
      trades
    }
  }
`);

const CreateSchoolDocument = graphql(`
  mutation CreateSchool($input: CreateSchoolInput!) {
    createSchool(input: $input) {
      id
      name
      city
      trades
    }
  }
`);

function CreateSchoolForm({ onCreated }: { onCreated: () => void }) {
  const { t, locale } = useI18n();
  const [, create] = useMutation(CreateSchoolDocument);
  const form = useValidatedForm(createSchoolSchema, async (input, formEl) => {
    const res = await create({ input });
    if (!res.data) return res;
    formEl.reset();
    onCreated();
    return { success: t('admin.schoolCreated', { name: res.data.createSchool.name }) };
  });
  const read = (data: FormData) => {
    const f = formValues(data);
    return {
      name: data.get('name'),
      city: data.get('city'),
      location: { lat: f.number('lat'), lng: f.number('lng') },
      trades: f.all('trades'),
    };
  };
  const { errors } = form;
  const tradesErrorId = useId();

  return (
    <form className="form form--grid" {...form.props(read)}>
      <FormField label={t('admin.schoolName')} name="name" required error={errors['name']} />
      <FormField label={t('admin.schoolCity')} name="city" required error={errors['city']} />
      <FormField
        label={t('admin.lat')}
        hint={t('admin.latHint')}
        name="lat"
        inputMode="decimal"
        required
        error={errors['location.lat'] ?? errors['location']}
      />
      <FormField
        label={t('admin.lng')}
        hint={t('admin.lngHint')}
        name="lng"
        inputMode="decimal"
        required
        error={errors['location.lng'] ?? errors['location']}
      />
      <fieldset
        className={`checks form__wide${errors['trades'] ? ' field--invalid' : ''}`}
        aria-describedby={errors['trades'] ? tradesErrorId : undefined}
      >
        <legend>{t('admin.trades')}</legend>
        {errors['trades'] ? (
          <p id={tradesErrorId} className="field__error">
            {errors['trades']}
          </p>
        ) : null}
        {TRADES.map((trade) => (
          <label key={trade} className="check">
            <input type="checkbox" name="trades" value={trade} aria-invalid={errors['trades'] ? true : undefined} />
            {labelOf(TRADE_LABELS, trade, locale)}
          </label>
        ))}
      </fieldset>
      <div className="form__actions">
        <SubmitButton form={form} label={t('admin.createSchool')} />
      </div>
      <FormMessage form={form} className="form__wide" />
    </form>
  );
}

export function AdminHomePage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('admin.title'));
  const [result, reexecute] = useQuery({ query: AdminSchoolsDocument });
  const [schoolId, setSchoolId] = useState('');
  const schools = result.data?.schools ?? null;
  const session = useSession();
  const me = session.status === 'ready' ? session.me : null;

  return (
    <div className="page">
      {/* No "Bonjour {{name}}": the account's name is often an organisation's ("Fédération nationale…"). */}
      <h1>{t('admin.title')}</h1>
      {me ? (
        <p className="page__lead" data-testid="me-summary">
          {t('home.signedInAs', { role: labelOf(ROLE_LABELS, me.role, locale), email: me.email })}
        </p>
      ) : null}
      <section className="card" aria-labelledby="schools-list">
        <h2 id="schools-list">{t('admin.schoolsTitle')}</h2>
        {result.error ? (
          <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        ) : schools === null ? (
          <LoadingState />
        ) : schools.length === 0 ? (
          <EmptyState title={t('admin.schoolsEmptyTitle')}>
            <p>{t('admin.schoolsEmpty')}</p>
          </EmptyState>
        ) : (
          <TableWrap label={t('admin.schoolsList')}>
            <table className="table">
              <caption className="visually-hidden">{t('admin.schoolsList')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.schoolName')}</th>
                  <th scope="col">{t('admin.schoolCity')}</th>
                  <th scope="col">{t('admin.trades')}</th>
                </tr>
              </thead>
              <tbody>
                {schools.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{s.city}</td>
                    <td>{s.trades.map((tr) => labelOf(TRADE_LABELS, tr, locale)).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section className="card" aria-labelledby="create-school">
        <h2 id="create-school">{t('admin.createTitle')}</h2>
        <CreateSchoolForm onCreated={() => reexecute({ requestPolicy: 'network-only' })} />
      </section>
      <section className="card" aria-labelledby="invite-staff">
        <h2 id="invite-staff">{t('admin.inviteTitle')}</h2>
        {schools && schools.length > 0 ? (
          <>
            <SelectField
              label={t('admin.pickSchool')}
              value={schoolId}
              onChange={(e) => setSchoolId(e.target.value)}
              placeholder={t('admin.pickSchoolPlaceholder')}
              options={schools.map((s) => ({ value: s.id, label: s.name }))}
            />
            {schoolId ? <InviteForm key={schoolId} role="SCHOOL_STAFF" schoolId={schoolId} idPrefix="staff" /> : null}
          </>
        ) : (
          <p>{t('admin.inviteNeedsSchool')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="pending-invitations-title">
        <h2 id="pending-invitations-title">{t('invitations.title')}</h2>
        <p className="field__hint">{t('invitations.introAdmin')}</p>
        <PendingInvitations />
      </section>
      <section className="card" aria-labelledby="operations-title">
        <h2 id="operations-title">{t('admin.operationsTitle')}</h2>
        <AdminOperations />
      </section>
    </div>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  COMPANY_PROFILE_LIMITS,
  companyProfileSchema,
  inviteColleagueSchema,
  labelOf,
  TRADE_LABELS,
  TRADES,
} from '@promesse/shared';
import { FormField, TextAreaField } from '../../components/form-field';
import { PendingInvitations } from '../../components/pending-invitations';
import { formValues } from '../../components/form-values';
import { ErrorState, LoadingState } from '../../components/states';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import type { CompanyProfileQuery } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import {
  CompanyProfileDocument,
  InviteColleagueDocument,
  UpdateCompanyProfileDocument,
} from './company.hiring.documents';
import { WorkshopPhotos } from './company.photos';

type MyCompany = CompanyProfileQuery['myCompany'];

/** `/entreprise/profil`: the profile students read on the promise page, and the company's recruiters. */
export function CompanyProfilePage() {
  const { t } = useI18n();
  useDocumentTitle(t('hiring.profile.title'));
  const [result, reexecute] = useQuery({ query: CompanyProfileDocument });
  const company = result.data?.myCompany;
  return (
    <div className="page page--narrow">
      <h1>{t('hiring.profile.title')}</h1>
      <p className="page__lead">{t('hiring.profile.lead')}</p>
      <p>
        <Link to="/parametres/compte">{t('accountSettings.link')}</Link>
      </p>
      {result.error && !company ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !company ? (
        <LoadingState />
      ) : (
        <>
          <ProfileForm key={company.id} company={company} />
          <WorkshopPhotos photos={company.photos} />
          <Colleagues company={company} onInvited={() => reexecute({ requestPolicy: 'network-only' })} />
        </>
      )}
    </div>
  );
}

function ProfileForm({ company }: { company: MyCompany }) {
  const { t, locale } = useI18n();
  const [, update] = useMutation(UpdateCompanyProfileDocument);
  // Rows of the sites list; one blank row to add a site.
  const [siteRows, setSiteRows] = useState(() => Math.max(1, company.sites.length));
  const trades = new Set(company.trades);
  const form = useValidatedForm(companyProfileSchema, async (input) => {
    const res = await update({
      input: {
        presentation: input.presentation ?? null,
        trades: input.trades,
        sites: input.sites.map((s) => ({ name: s.name, city: s.city, address: s.address ?? null })),
      },
    });
    if (res.error) return res;
    return { success: t('hiring.profile.saved') };
  });
  const read = (data: FormData) => {
    const v = formValues(data);
    const sites = Array.from({ length: siteRows }, (_, i) => ({
      name: v.text(`site-${i}-name`),
      city: v.text(`site-${i}-city`),
      address: v.optional(`site-${i}-address`),
    })).filter((s) => s.name || s.city || s.address);
    return { presentation: v.optional('presentation'), trades: v.all('trades'), sites };
  };
  return (
    <form className="form card" aria-labelledby="profile-form" {...form.props(read)}>
      <h2 id="profile-form">{t('hiring.profile.formTitle')}</h2>
      <TextAreaField
        label={t('hiring.profile.presentation')}
        hint={t('hiring.profile.presentationHint')}
        name="presentation"
        rows={6}
        maxLength={COMPANY_PROFILE_LIMITS.presentation}
        defaultValue={company.presentation ?? ''}
        error={form.errors['presentation']}
      />
      <fieldset className="field fieldset">
        <legend className="field__label">{t('hiring.profile.trades')}</legend>
        <ul className="checklist">
          {TRADES.map((trade) => (
            <li key={trade}>
              <label>
                <input type="checkbox" name="trades" value={trade} defaultChecked={trades.has(trade)} />{' '}
                {labelOf(TRADE_LABELS, trade, locale)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="field fieldset">
        <legend className="field__label">{t('hiring.profile.sites')}</legend>
        {Array.from({ length: siteRows }, (_, i) => (
          <div key={i} className="form__row" role="group" aria-label={t('hiring.profile.site', { n: i + 1 })}>
            <FormField
              label={t('hiring.profile.siteName')}
              name={`site-${i}-name`}
              defaultValue={company.sites[i]?.name ?? ''}
              error={form.errors[`sites.${i}.name`]}
            />
            <FormField
              label={t('hiring.profile.siteCity')}
              name={`site-${i}-city`}
              defaultValue={company.sites[i]?.city ?? ''}
              error={form.errors[`sites.${i}.city`]}
            />
            <FormField
              label={t('hiring.profile.siteAddress')}
              name={`site-${i}-address`}
              defaultValue={company.sites[i]?.address ?? ''}
              error={form.errors[`sites.${i}.address`]}
            />
          </div>
        ))}
        {siteRows < COMPANY_PROFILE_LIMITS.sites ? (
          <button
            type="button"
            className="button button--ghost button--compact"
            onClick={() => setSiteRows((n) => n + 1)}
          >
            {t('hiring.profile.addSite')}
          </button>
        ) : null}
      </fieldset>
      <FormMessage form={form} />
      <SubmitButton form={form} label={t('hiring.profile.save')} />
    </form>
  );
}

function Colleagues({ company, onInvited }: { company: MyCompany; onInvited: () => void }) {
  const { t } = useI18n();
  const [, invite] = useMutation(InviteColleagueDocument);
  const form = useValidatedForm(inviteColleagueSchema, async (input, el) => {
    const res = await invite({ email: input.email });
    if (res.error) return res;
    el.reset();
    onInvited();
    return { success: t('hiring.colleagues.sent', { email: input.email }) };
  });
  return (
    <section className="card" aria-labelledby="colleagues">
      <h2 id="colleagues">{t('hiring.colleagues.title')}</h2>
      <p>{t('hiring.colleagues.lead')}</p>
      <ul data-testid="recruiters">
        {company.recruiters.map((r) => (
          <li key={r.id}>
            {r.displayName} ({r.email})
          </li>
        ))}
      </ul>
      <form className="form" {...form.props((data) => ({ email: formValues(data).text('email') }))}>
        <FormField
          label={t('hiring.colleagues.email')}
          name="email"
          type="email"
          autoComplete="off"
          required
          error={form.errors['email']}
        />
        <FormMessage form={form} />
        <SubmitButton form={form} label={t('hiring.colleagues.invite')} />
      </form>
      <h3>{t('hiring.colleagues.pending')}</h3>
      <PendingInvitations colleagues />
    </section>
  );
}

/** On the company's home: what is waiting, and on whom (the school's staff, or the company itself). */
export function CompanyWaiting({ drafts }: { drafts: number }) {
  const { t } = useI18n();
  const [result] = useQuery({ query: CompanyProfileDocument });
  const company = result.data?.myCompany;
  if (!company) return null;
  const approved = company.partnerships.filter((p) => p.status === 'APPROVED');
  const pending = company.partnerships.filter((p) => p.status === 'PENDING');
  const items: { key: string; text: string; link?: { to: string; label: string } }[] = [];
  if (company.partnerships.length === 0 || (approved.length === 0 && pending.length === 0)) {
    items.push({
      key: 'ask',
      text: t('hiring.waiting.askPartnership'),
      link: { to: '/entreprise/partenariats', label: t('hiring.waiting.askPartnershipLink') },
    });
  }
  for (const p of pending) {
    items.push({ key: p.id, text: t('hiring.waiting.schoolDecides', { school: p.school.name }) });
  }
  if (drafts > 0) {
    items.push({
      key: 'drafts',
      text:
        approved.length > 0
          ? t('hiring.waiting.publishDrafts', { count: drafts })
          : t('hiring.waiting.draftsWait', { count: drafts }),
    });
  }
  if (!company.presentation) {
    items.push({
      key: 'profile',
      text: t('hiring.waiting.profile'),
      link: { to: '/entreprise/profil', label: t('hiring.waiting.profileLink') },
    });
  }
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="waiting" data-testid="company-waiting">
      <h2 id="waiting">{t('hiring.waiting.title')}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            {item.text} {item.link ? <Link to={item.link.to}>{item.link.label}</Link> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { labelOf, ROLE_LABELS } from '@promesse/shared';
import { graphql } from '../gql';
import { useI18n } from '../lib/i18n/i18n';
import { errorText } from './form-errors';
import { formatDate } from './format';
import { EmptyState, ErrorState, LoadingState } from './states';
import { TableWrap } from './table-wrap';

const PendingInvitationsDocument = graphql(`
  query PendingInvitations {
    pendingInvitations {
      id
      email
      role
      expired
      expiresAt
      lastSentAt
      sentCount
    }
  }
`);

const ResendInvitationDocument = graphql(`
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      email
      expiresAt
    }
  }
`);

const ResendColleagueInvitationDocument = graphql(`
  mutation ResendColleagueInvitation($id: ID!) {
    resendColleagueInvitation(id: $id) {
      email
      expiresAt
    }
  }
`);

const RevokeInvitationDocument = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      email
    }
  }
`);

// Refetched whenever a mutation answers with an invitation (created, resent or revoked here or in the invite form).
const INVITATION_TYPES = { additionalTypenames: ['Invitation', 'PendingInvitation', 'ColleagueInvitation'] };

/**
 * The inviter's invitations not used yet (staff: their school's, students and staff; the admin: the ones they sent;
 * a recruiter: their company's colleagues), with resend (a new e-mail and link, the previous one stops working) and
 * revoke. Colleague invitations are resent by their own mutation (their e-mail names the company, not a school).
 */
export function PendingInvitations({ colleagues = false }: { colleagues?: boolean }) {
  const { t, locale } = useI18n();
  const context = useMemo(() => INVITATION_TYPES, []);
  const [list, refetch] = useQuery({ query: PendingInvitationsDocument, context });
  const [resendSchoolState, resendSchool] = useMutation(ResendInvitationDocument);
  const [resendColleagueState, resendColleague] = useMutation(ResendColleagueInvitationDocument);
  const resendState = colleagues ? resendColleagueState : resendSchoolState;
  const resend = colleagues ? resendColleague : resendSchool;
  const [revokeState, revoke] = useMutation(RevokeInvitationDocument);
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const busy = resendState.fetching || revokeState.fetching;

  const act = async (kind: 'resend' | 'revoke', id: string, email: string) => {
    setStatus(null);
    const result = kind === 'resend' ? await resend({ id }, context) : await revoke({ id }, context);
    if (result.error) {
      setStatus({ tone: 'error', text: errorText(result.error, locale) });
      return;
    }
    setStatus({
      tone: 'success',
      text: t(kind === 'resend' ? 'invitations.resent' : 'invitations.revoked', { email }),
    });
    refetch({ requestPolicy: 'network-only' });
  };

  const rows = list.data?.pendingInvitations ?? null;
  return (
    <div data-testid="pending-invitations">
      <div role="status" aria-live="polite">
        {status ? (
          <p className={`alert alert--${status.tone}`} data-testid="pending-invitations-status">
            {status.text}
          </p>
        ) : null}
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : rows === null ? (
        <LoadingState />
      ) : rows.length === 0 ? (
        <EmptyState title={t('invitations.emptyTitle')}>
          <p>{t('invitations.empty')}</p>
        </EmptyState>
      ) : (
        <TableWrap label={t('invitations.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('invitations.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invitations.colEmail')}</th>
                <th scope="col">{t('invitations.colRole')}</th>
                <th scope="col">{t('invitations.colSent')}</th>
                <th scope="col">{t('invitations.colStatus')}</th>
                <th scope="col">{t('invitations.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.email}</th>
                  <td>{labelOf(ROLE_LABELS, i.role, locale)}</td>
                  <td>{t('invitations.sent', { date: formatDate(i.lastSentAt, locale), count: i.sentCount })}</td>
                  <td>
                    {i.expired
                      ? t('invitations.expired')
                      : t('invitations.validUntil', { date: formatDate(i.expiresAt, locale) })}
                  </td>
                  <td>
                    <div className="actions">
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={busy}
                        aria-label={t('invitations.resendFor', { email: i.email })}
                        onClick={() => void act('resend', i.id, i.email)}
                      >
                        {t('invitations.resend')}
                      </button>
                      <button
                        type="button"
                        className="button button--ghost"
                        disabled={busy}
                        aria-label={t('invitations.revokeFor', { email: i.email })}
                        onClick={() => void act('revoke', i.id, i.email)}
                      >
                        {t('invitations.revoke')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </div>
  );
}

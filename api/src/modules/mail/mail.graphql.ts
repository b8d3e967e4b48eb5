import { builder } from '../../graphql/builder';
import type { MailOutboxDoc } from './mail.model';
import { getMailQueueStatus, listMailDeadLetters, retryMailDeadLetter, type MailQueueStatus } from './mail.use-cases';

/** `camille.fontaine@…` -> `c•••@eleve.promesse.demo`: enough to recognise a domain problem, not a person's address. */
function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '•••' : `${address[0]}•••${address.slice(at)}`;
}

const MailQueueStatusRef = builder.objectRef<MailQueueStatus>('MailQueueStatus').implement({
  description: 'The outgoing mail queue: messages by state.',
  fields: (t) => ({
    pending: t.exposeInt('pending', { description: 'Waiting to be sent (new or waiting for a retry).' }),
    retrying: t.exposeInt('retrying', { description: 'Pending messages that already failed at least once.' }),
    sent: t.exposeInt('sent'),
    dead: t.exposeInt('dead', { description: 'Given up on: see mailDeadLetters.' }),
    suppressed: t.exposeInt('suppressed', { description: 'Not sent: the recipient unsubscribed from that topic.' }),
    oldestPendingAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.oldestPendingAt }),
  }),
});

const MailDeadLetterRef = builder.objectRef<MailOutboxDoc>('MailDeadLetter').implement({
  description: 'A message the SMTP server refused, or that failed at every attempt.',
  fields: (t) => ({
    id: t.id({ resolve: (m) => m._id }),
    template: t.exposeString('template'),
    recipient: t.string({ description: 'The address, masked.', resolve: (m) => maskAddress(m.to) }),
    attempts: t.exposeInt('attempts'),
    lastError: t.string({ nullable: true, resolve: (m) => m.lastError ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (m) => m.createdAt }),
    failedAt: t.field({ type: 'DateTime', resolve: (m) => m.updatedAt }),
  }),
});

builder.queryField('mailQueueStatus', (t) =>
  t.withAuth({ federationAdmin: true }).field({
    type: MailQueueStatusRef,
    description: 'Federation admin only.',
    resolve: (_root, _args, ctx) => getMailQueueStatus(ctx, {}),
  }),
);

builder.queryField('mailDeadLetters', (t) =>
  t.withAuth({ federationAdmin: true }).field({
    type: [MailDeadLetterRef],
    description: 'Federation admin only. Most recent first.',
    args: { first: t.arg.int() },
    resolve: (_root, args, ctx) => listMailDeadLetters(ctx, { first: args.first ?? undefined }),
  }),
);

builder.mutationField('retryMailDeadLetter', (t) =>
  t.withAuth({ federationAdmin: true }).field({
    type: MailDeadLetterRef,
    description: 'Federation admin only: queues a dead letter again for a fresh series of attempts.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => retryMailDeadLetter(ctx, { id: String(args.id) }),
  }),
);

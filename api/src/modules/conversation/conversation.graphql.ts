import { fileUrl } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { ApplicationRef } from '../../graphql/refs';
import type { GraphQLContext } from '../../graphql/context';
import { sameId } from '../../core/ids';
import type { MessageDoc } from './conversation.model';
import { unreadKey } from './conversation.loaders';
import { conversationSide } from './conversation.policy';
import { getConversation, markConversationRead, sendMessage, type Conversation } from './conversation.use-cases';

const ConversationSideEnum = builder.enumType('ConversationSide', {
  description: 'STUDENT and COMPANY write; STAFF (the student’s school) reads.',
  values: ['STUDENT', 'COMPANY', 'STAFF'] as const,
});

const MessageAuthorSideEnum = builder.enumType('MessageAuthorSide', {
  values: ['STUDENT', 'COMPANY'] as const,
});

type Attachment = MessageDoc['attachments'][number];

const MessageAttachmentRef = builder.objectRef<Attachment>('MessageAttachment').implement({
  description: 'A PDF or image sent with a message; `url` is read with the same bearer token (GET, streamed).',
  fields: (t) => ({
    id: t.id({ resolve: (a) => a.fileId }),
    name: t.string({ resolve: (a) => a.name }),
    contentType: t.string({ resolve: (a) => a.contentType }),
    size: t.int({ description: 'Bytes.', resolve: (a) => a.size }),
    url: t.string({ resolve: (a) => fileUrl(String(a.fileId)) }),
  }),
});

const MessageRef = builder.objectRef<MessageDoc>('Message').implement({
  fields: (t) => ({
    id: t.id({ resolve: (m) => m._id }),
    body: t.string({ nullable: true, resolve: (m) => m.body ?? null }),
    authorSide: t.field({ type: MessageAuthorSideEnum, resolve: (m) => m.authorSide }),
    authorName: t.string({ description: 'The student’s name, or the company’s.', resolve: (m) => m.authorName }),
    mine: t.withAuth({ authenticated: true }).boolean({
      description: 'Written by the caller.',
      resolve: (m, _args, ctx) => sameId(m.authorUserId, ctx.actor.userId),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (m) => m.createdAt }),
    attachments: t.field({ type: [MessageAttachmentRef], resolve: (m) => m.attachments }),
  }),
});

function unreadCount(c: Conversation, ctx: GraphQLContext): Promise<number> {
  return ctx.loaders.unreadMessageCount.load(unreadKey(c.viewer.userId, c.side, String(c.application._id)));
}

const ConversationRef = builder.objectRef<Conversation>('Conversation').implement({
  description:
    'The messages of one application between the student and the company’s recruiters; the staff of the ' +
    'student’s school read it. Nobody else (the admin included) sees it.',
  fields: (t) => ({
    application: t.field({ type: ApplicationRef, resolve: (c) => c.application }),
    side: t.field({ type: ConversationSideEnum, description: 'The caller’s part.', resolve: (c) => c.side }),
    canWrite: t.boolean({ resolve: (c) => c.side !== 'STAFF' }),
    messages: t.field({
      type: [MessageRef],
      description: 'Oldest first.',
      resolve: (c, _args, ctx) => ctx.loaders.messagesByApplicationId.load(String(c.application._id)),
    }),
    unreadCount: t.int({
      description: 'Messages of the other side (staff: of both) the caller has not marked read.',
      resolve: (c, _args, ctx) => unreadCount(c, ctx),
    }),
  }),
});

builder.objectFields(ApplicationRef, (t) => ({
  conversation: t.field({
    type: ConversationRef,
    nullable: true,
    description: 'For the student, the company’s recruiters and the school’s staff; null for anyone else.',
    resolve: async (a, _args, ctx) => {
      if (!ctx.actor) return null;
      const student = ctx.actor.role === 'STUDENT' ? await ctx.loaders.studentById.load(String(a.studentId)) : null;
      const side = conversationSide(ctx.actor, a, student?.userId);
      return side ? { application: a, side, viewer: ctx.actor } : null;
    },
  }),
}));

const SendMessageInputRef = builder.inputType('SendMessageInput', {
  fields: (t) => ({
    applicationId: t.id({ required: true }),
    body: t.string(),
    attachmentIds: t.idList({ description: 'Files uploaded first (POST /files?purpose=ATTACHMENT&applicationId=…).' }),
  }),
});

builder.queryField('conversation', (t) =>
  t.withAuth({ student: true, companyRecruiter: true, schoolStaff: true }).field({
    type: ConversationRef,
    description: 'Unknown application: NOT_FOUND; not a party (nor its school’s staff): FORBIDDEN.',
    args: { applicationId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getConversation(ctx, { applicationId: String(args.applicationId) }),
  }),
);

builder.mutationField('sendMessage', (t) =>
  t.withAuth({ student: true, companyRecruiter: true, schoolStaff: true }).field({
    type: MessageRef,
    description:
      'The student or a recruiter of the company writes; the other side is notified (MESSAGE_RECEIVED, socket ' +
      '`message:new`). Staff read only (FORBIDDEN).',
    args: { input: t.arg({ type: SendMessageInputRef, required: true }) },
    resolve: (_root, { input }, ctx) =>
      sendMessage(ctx, {
        applicationId: String(input.applicationId),
        body: input.body,
        attachmentIds: input.attachmentIds?.map(String) ?? null,
      }),
  }),
);

builder.mutationField('markConversationRead', (t) =>
  t.withAuth({ student: true, companyRecruiter: true, schoolStaff: true }).field({
    type: ConversationRef,
    args: { applicationId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => markConversationRead(ctx, { applicationId: String(args.applicationId) }),
  }),
);

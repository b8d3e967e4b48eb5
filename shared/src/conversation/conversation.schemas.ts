import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { boundedString, idSchema, optionalInput } from '../common/common.schemas';
import { ATTACHMENTS_PER_MESSAGE_MAX } from '../file/file.rules';

/** A message of an application's conversation. */
export const MESSAGE_BODY_MAX = 2000;
export const messageBodySchema = boundedString(MESSAGE_BODY_MAX);

/** Text, attachments (uploaded first through the files route, for this application), or both. */
export const sendMessageSchema = z
  .object({
    applicationId: idSchema,
    body: optionalInput(messageBodySchema),
    attachmentIds: optionalInput(
      z
        .array(idSchema)
        .max(ATTACHMENTS_PER_MESSAGE_MAX, msg('conversation.tooManyAttachments', { max: ATTACHMENTS_PER_MESSAGE_MAX })),
    ),
  })
  .refine((m) => Boolean(m.body) || Boolean(m.attachmentIds?.length), {
    path: ['body'],
    ...msg('conversation.emptyMessage'),
  });
export type SendMessageInput = z.input<typeof sendMessageSchema>;

export const conversationInputSchema = z.object({ applicationId: idSchema });

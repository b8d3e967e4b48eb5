import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { idSchema, optionalInput } from '../common/common.schemas';
import { FILE_PURPOSES } from './file.rules';

/** The query of an upload: what the file is for (and, for an attachment, which application's conversation). */
export const uploadFileSchema = z.object({
  purpose: z.enum(FILE_PURPOSES, msg('file.badPurpose')),
  applicationId: optionalInput(idSchema),
});
export type UploadFileInput = z.input<typeof uploadFileSchema>;

import { defineMessages } from '../messages/messages.define';

// Conversations of applications (errors and validation; notification texts are in notification.messages.ts).
export const conversationMessages = defineMessages({
  fr: {
    'conversation.notVisible': 'Cette conversation ne vous est pas accessible',
    'conversation.readOnly': 'Vous pouvez lire cette conversation, pas y écrire',
    'conversation.emptyMessage': 'Écrivez un message ou joignez un fichier',
    'conversation.tooManyAttachments': '{{max}} pièces jointes maximum',
  },
  en: {
    'conversation.notVisible': 'You cannot access this conversation',
    'conversation.readOnly': 'You can read this conversation, not write in it',
    'conversation.emptyMessage': 'Write a message or attach a file',
    'conversation.tooManyAttachments': '{{max}} attachments maximum',
  },
});

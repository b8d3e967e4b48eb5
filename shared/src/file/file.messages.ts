import { defineMessages } from '../messages/messages.define';

// Upload and download of files (CV, conversation attachments).
export const fileMessages = defineMessages({
  fr: {
    'file.tooLarge': 'Fichier trop volumineux ({{limit}} maximum)',
    'file.badType': 'Type de fichier refusé : {{accepted}} uniquement',
    'file.badTypeCv': 'Le CV doit être un PDF',
    'file.missing': 'Aucun fichier reçu',
    'file.badPurpose': 'Usage du fichier inconnu',
    'file.notVisible': 'Ce fichier ne vous est pas accessible',
    'file.cvStudentsOnly': 'Seul·e l’élève dépose son CV',
    'file.attachmentNotUsable': 'Pièce jointe inconnue ou déjà utilisée',
    'file.acceptedAttachments': 'PDF ou image (PNG, JPEG, WebP, GIF)',
    'file.badTypePhoto': 'La photo doit être une image PNG, JPEG ou WebP',
    'file.photoRecruitersOnly': 'Seuls les recruteurs de l’entreprise déposent ses photos',
    'file.photoNotUsable': 'Photo inconnue ou déposée par une autre entreprise',
    'file.photosMax': '{{max}} photos au plus : retirez-en une d’abord',
  },
  en: {
    'file.tooLarge': 'File too large ({{limit}} maximum)',
    'file.badType': 'File type refused: {{accepted}} only',
    'file.badTypeCv': 'The CV must be a PDF',
    'file.missing': 'No file received',
    'file.badPurpose': 'Unknown file purpose',
    'file.notVisible': 'You cannot access this file',
    'file.cvStudentsOnly': 'Only the student uploads their CV',
    'file.attachmentNotUsable': 'Unknown or already used attachment',
    'file.acceptedAttachments': 'PDF or image (PNG, JPEG, WebP, GIF)',
    'file.badTypePhoto': 'The photo must be a PNG, JPEG or WebP image',
    'file.photoRecruitersOnly': 'Only the company’s recruiters upload its photos',
    'file.photoNotUsable': 'Unknown photo, or uploaded by another company',
    'file.photosMax': '{{max}} photos at most: remove one first',
  },
});

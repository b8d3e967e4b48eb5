import { defineMessages } from '../messages/messages.define';

export const companyMessages = defineMessages({
  fr: {
    'company.partnershipApproved': 'Ce partenariat est déjà approuvé',
    'company.partnershipDecided': 'Ce partenariat a déjà été décidé',
    'company.schoolStaffDecides': 'Seule l’équipe de l’école concernée peut décider',
  },
  en: {
    'company.partnershipApproved': 'This partnership is already approved',
    'company.partnershipDecided': 'This partnership has already been decided',
    'company.schoolStaffDecides': 'Only the staff of the school concerned can decide',
  },
});

import type { EnumLabels } from './common.enum';
import type { ContractType, DiplomaLevel, Role, Trade } from './common.enums';

export const ROLE_LABELS: EnumLabels<Role> = {
  fr: {
    STUDENT: 'Élève',
    SCHOOL_STAFF: 'Équipe de l’école',
    COMPANY_RECRUITER: 'Recruteur',
    FEDERATION_ADMIN: 'Administrateur de la fédération',
  },
  en: {
    STUDENT: 'Student',
    SCHOOL_STAFF: 'School staff',
    COMPANY_RECRUITER: 'Recruiter',
    FEDERATION_ADMIN: 'Federation admin',
  },
};

export const TRADE_LABELS: EnumLabels<Trade> = {
  fr: {
    MACHINING: 'Usinage',
    BOILERMAKING: 'Chaudronnerie',
    WELDING: 'Soudure',
    METALWORK: 'Métallerie',
    INDUSTRIAL_ELECTRICITY: 'Électricité industrielle',
    INDUSTRIAL_MAINTENANCE: 'Maintenance industrielle',
    WOODWORK: 'Menuiserie',
    TEXTILE: 'Couture et textile',
    JEWELRY: 'Bijouterie',
    AUTOMOTIVE: 'Mécanique automobile',
    CATERING: 'Cuisine et restauration',
    DIGITAL: 'Numérique',
  },
  en: {
    MACHINING: 'Machining',
    BOILERMAKING: 'Boilermaking',
    WELDING: 'Welding',
    METALWORK: 'Metalwork',
    INDUSTRIAL_ELECTRICITY: 'Industrial electricity',
    INDUSTRIAL_MAINTENANCE: 'Industrial maintenance',
    WOODWORK: 'Woodwork',
    TEXTILE: 'Textile',
    JEWELRY: 'Jewelry',
    AUTOMOTIVE: 'Automotive',
    CATERING: 'Catering',
    DIGITAL: 'Digital',
  },
};

export const DIPLOMA_LEVEL_LABELS: EnumLabels<DiplomaLevel> = {
  fr: {
    CAP: 'CAP',
    BAC_PRO: 'Bac pro',
    CQP: 'CQP',
    TITRE_PRO: 'Titre professionnel',
  },
  en: {
    CAP: 'CAP (vocational certificate)',
    BAC_PRO: 'Vocational baccalaureate',
    CQP: 'CQP (industry qualification)',
    TITRE_PRO: 'Professional title',
  },
};

export const CONTRACT_TYPE_LABELS: EnumLabels<ContractType> = {
  fr: {
    CDI: 'CDI',
    CDD: 'CDD',
    APPRENTICESHIP: 'Apprentissage',
    INTERIM: 'Intérim',
  },
  en: {
    CDI: 'Permanent contract',
    CDD: 'Fixed-term contract',
    APPRENTICESHIP: 'Apprenticeship',
    INTERIM: 'Temporary work',
  },
};

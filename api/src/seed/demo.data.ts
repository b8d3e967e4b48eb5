import { withLuhnCheckDigit } from '@promesse/shared';
import type { ApplicationStatus, ContractType, DiplomaLevel, Trade } from '@promesse/shared';

// The demo network: real Écoles de Production (names, towns and places), fictional companies, people and promises.
// Every natural key here (e-mails, SIRETs, school names, promise titles per company) is stable: the seed upserts by them.

export const DEMO_PASSWORD = 'promesse-demo-2026';
export const DEMO_ADMIN_PASSWORD = 'promesse-admin-2026';
export const DEMO_ADMIN_EMAIL = 'admin@promesse.demo';

export interface DemoSchool {
  key: string;
  name: string;
  city: string;
  lat: number;
  lng: number;
  trades: Trade[];
  staff: { firstName: string; lastName: string };
}

export const DEMO_SCHOOLS: DemoSchool[] = [
  {
    key: 'evreux',
    name: 'École de Production de l’Eure',
    city: 'Évreux',
    lat: 49.0241,
    lng: 1.1508,
    trades: ['MACHINING', 'INDUSTRIAL_MAINTENANCE'],
    staff: { firstName: 'Claire', lastName: 'Lemoine' },
  },
  {
    key: 'chalon',
    name: 'École de Production de Chalon-sur-Saône',
    city: 'Chalon-sur-Saône',
    lat: 46.7806,
    lng: 4.8539,
    trades: ['MACHINING', 'WELDING'],
    staff: { firstName: 'Philippe', lastName: 'Garnier' },
  },
  {
    key: 'senart',
    name: 'École de Production Paris Sénart',
    city: 'Lieusaint',
    lat: 48.633,
    lng: 2.549,
    trades: ['INDUSTRIAL_ELECTRICITY', 'INDUSTRIAL_MAINTENANCE'],
    staff: { firstName: 'Nadia', lastName: 'Haddad' },
  },
  {
    key: 'compiegne',
    name: 'École de Production O’TECH Compiègne',
    city: 'Compiègne',
    lat: 49.4179,
    lng: 2.8261,
    trades: ['MACHINING', 'METALWORK'],
    staff: { firstName: 'Julien', lastName: 'Caron' },
  },
  {
    key: 'besancon',
    name: 'École de Production de Besançon',
    city: 'Besançon',
    lat: 47.2378,
    lng: 6.0241,
    trades: ['MACHINING', 'JEWELRY'],
    staff: { firstName: 'Sophie', lastName: 'Vuillemin' },
  },
  {
    key: 'tarbes',
    name: 'École de Production de Tarbes',
    city: 'Tarbes',
    lat: 43.2328,
    lng: 0.0781,
    trades: ['BOILERMAKING', 'WELDING'],
    staff: { firstName: 'Laurent', lastName: 'Castéra' },
  },
  {
    key: 'remiremont',
    name: 'École de Production de Remiremont',
    city: 'Remiremont',
    lat: 48.0175,
    lng: 6.5914,
    trades: ['TEXTILE'],
    staff: { firstName: 'Isabelle', lastName: 'Thiriet' },
  },
  {
    key: 'chaumont',
    name: 'École de Production de Chaumont',
    city: 'Chaumont',
    lat: 48.1113,
    lng: 5.1392,
    trades: ['MACHINING'],
    staff: { firstName: 'Marc', lastName: 'Collin' },
  },
  {
    key: 'vitry',
    name: 'École de Production de Vitry-le-François',
    city: 'Vitry-le-François',
    lat: 48.7247,
    lng: 4.5847,
    trades: ['METALWORK'],
    staff: { firstName: 'Élodie', lastName: 'Perrin' },
  },
];

export interface DemoPromise {
  title: string;
  description: string;
  trade: Trade;
  contractType: ContractType;
  positions: number;
  diplomaLevel?: DiplomaLevel;
  skills: string[];
  /** Days from the seed day. */
  startInDays: number;
  expiresInDays: number;
  /** Left as a draft (not published) when false. */
  publish?: boolean;
}

export interface DemoCompany {
  /** Used in the recruiter's e-mail: recrutement@<slug>.demo */
  slug: string;
  name: string;
  /** 13 digits; the 14th is the Luhn check digit (computed). */
  siretBase: string;
  city: string;
  lat: number;
  lng: number;
  contact: string;
  schools: string[];
  promises: DemoPromise[];
}

const usinageDesc = (extra: string) =>
  `Atelier d’usinage de pièces mécaniques en petites et moyennes séries. ${extra} Vous êtes accompagné·e par un tuteur dès le premier jour.`;

export const DEMO_COMPANIES: DemoCompany[] = [
  // Évreux
  {
    slug: 'usinage-normand',
    name: 'Usinage Normand de Précision',
    siretBase: '4123456780001',
    city: 'Évreux',
    lat: 49.0302,
    lng: 1.1671,
    contact: 'Thierry Lecœur',
    schools: ['evreux'],
    promises: [
      {
        title: 'Tourneur·se sur commande numérique',
        description: usinageDesc('Réglage et conduite de tours CN Mazak, contrôle des cotes au micromètre.'),
        trade: 'MACHINING',
        contractType: 'CDI',
        positions: 2,
        diplomaLevel: 'CAP',
        skills: ['tournage', 'commande numérique', 'métrologie'],
        startInDays: 30,
        expiresInDays: 90,
      },
      {
        title: 'Fraiseur·se en apprentissage',
        description: usinageDesc('Préparation de BAC PRO TCI en alternance, fraisage 3 axes.'),
        trade: 'MACHINING',
        contractType: 'APPRENTICESHIP',
        positions: 1,
        diplomaLevel: 'BAC_PRO',
        skills: ['fraisage', 'lecture de plans'],
        startInDays: 60,
        expiresInDays: 120,
      },
    ],
  },
  {
    slug: 'maintenance-eure',
    name: 'Maintenance Industrielle de l’Eure',
    siretBase: '4234567890001',
    city: 'Guichainville',
    lat: 48.9962,
    lng: 1.1905,
    contact: 'Sandrine Dupuis',
    schools: ['evreux'],
    promises: [
      {
        title: 'Technicien·ne de maintenance industrielle',
        description:
          'Maintenance préventive et curative des lignes de conditionnement de nos clients pharmaceutiques : mécanique, pneumatique, premiers diagnostics électriques.',
        trade: 'INDUSTRIAL_MAINTENANCE',
        contractType: 'CDI',
        positions: 1,
        diplomaLevel: 'BAC_PRO',
        skills: ['diagnostic', 'pneumatique', 'mécanique'],
        startInDays: 21,
        expiresInDays: 75,
      },
    ],
  },
  // Chalon-sur-Saône
  {
    slug: 'chaudronnerie-chalonnais',
    name: 'Chaudronnerie du Chalonnais',
    siretBase: '4345678900001',
    city: 'Saint-Rémy',
    lat: 46.7653,
    lng: 4.8352,
    contact: 'Bruno Mathieu',
    schools: ['chalon'],
    promises: [
      {
        title: 'Soudeur·se TIG inox',
        description:
          'Fabrication de cuves et tuyauteries inox pour l’agroalimentaire. Soudure TIG en atelier, lecture de plans isométriques.',
        trade: 'WELDING',
        contractType: 'CDI',
        positions: 2,
        diplomaLevel: 'CAP',
        skills: ['soudure TIG', 'inox', 'lecture de plans'],
        startInDays: 30,
        expiresInDays: 90,
      },
      {
        title: 'Soudeur·se MIG/MAG en CDD',
        description:
          'Renfort de six mois sur un chantier de structures acier : soudure semi-automatique, meulage, contrôle visuel.',
        trade: 'WELDING',
        contractType: 'CDD',
        positions: 1,
        skills: ['soudure MIG/MAG', 'meulage'],
        startInDays: 14,
        expiresInDays: 45,
      },
    ],
  },
  {
    slug: 'saone-precision',
    name: 'Mécanique Saône Précision',
    siretBase: '4456789010001',
    city: 'Chalon-sur-Saône',
    lat: 46.7934,
    lng: 4.8627,
    contact: 'Valérie Bonnot',
    schools: ['chalon'],
    promises: [
      {
        title: 'Opérateur·rice régleur·se sur centre d’usinage',
        description: usinageDesc('Réglage de centres d’usinage 5 axes pour l’aéronautique.'),
        trade: 'MACHINING',
        contractType: 'CDI',
        positions: 1,
        diplomaLevel: 'BAC_PRO',
        skills: ['fraisage', 'commande numérique', 'métrologie'],
        startInDays: 45,
        expiresInDays: 100,
      },
    ],
  },
  {
    slug: 'bourgogne-usinage',
    name: 'Ateliers Bourgogne Usinage',
    siretBase: '4567890120001',
    city: 'Châtenoy-le-Royal',
    lat: 46.7896,
    lng: 4.8137,
    contact: 'Hervé Rameau',
    schools: ['chalon'],
    promises: [
      {
        title: 'Tourneur·se conventionnel en apprentissage',
        description: usinageDesc('Tournage conventionnel et premières pièces sur tour CN.'),
        trade: 'MACHINING',
        contractType: 'APPRENTICESHIP',
        positions: 1,
        diplomaLevel: 'CAP',
        skills: ['tournage', 'lecture de plans'],
        startInDays: 60,
        expiresInDays: 110,
        publish: false,
      },
    ],
  },
  // Paris Sénart
  {
    slug: 'senart-elec',
    name: 'Sénart Électricité Industrielle',
    siretBase: '4678901230001',
    city: 'Lieusaint',
    lat: 48.6271,
    lng: 2.5605,
    contact: 'Karim Benali',
    schools: ['senart'],
    promises: [
      {
        title: 'Câbleur·se d’armoires électriques',
        description:
          'Câblage d’armoires de commande pour l’industrie et le tertiaire, d’après schémas. Habilitation électrique prise en charge.',
        trade: 'INDUSTRIAL_ELECTRICITY',
        contractType: 'CDI',
        positions: 2,
        diplomaLevel: 'CAP',
        skills: ['câblage', 'armoires électriques', 'lecture de schémas'],
        startInDays: 30,
        expiresInDays: 90,
      },
      {
        title: 'Électricien·ne industriel·le en intérim',
        description:
          'Missions de trois mois renouvelables sur sites logistiques : raccordements, dépannages, mise en service.',
        trade: 'INDUSTRIAL_ELECTRICITY',
        contractType: 'INTERIM',
        positions: 3,
        skills: ['habilitation électrique', 'dépannage'],
        startInDays: 10,
        expiresInDays: 40,
      },
    ],
  },
  {
    slug: 'melun-maintenance',
    name: 'Melun Maintenance Services',
    siretBase: '4789012340001',
    city: 'Melun',
    lat: 48.5397,
    lng: 2.6553,
    contact: 'Patricia Lefort',
    schools: ['senart'],
    promises: [
      {
        title: 'Agent·e de maintenance en apprentissage',
        description:
          'Maintenance des équipements de production d’une usine de cosmétiques, en alternance vers le BAC PRO MSPC.',
        trade: 'INDUSTRIAL_MAINTENANCE',
        contractType: 'APPRENTICESHIP',
        positions: 1,
        diplomaLevel: 'BAC_PRO',
        skills: ['mécanique', 'hydraulique'],
        startInDays: 60,
        expiresInDays: 120,
      },
    ],
  },
  // Compiègne
  {
    slug: 'oise-mecanique',
    name: 'Oise Mécanique',
    siretBase: '4890123450001',
    city: 'Compiègne',
    lat: 49.4025,
    lng: 2.8053,
    contact: 'Stéphane Poulain',
    schools: ['compiegne'],
    promises: [
      {
        title: 'Fraiseur·se commande numérique',
        description: usinageDesc('Pièces de rechange pour machines agricoles, programmation simple sur Heidenhain.'),
        trade: 'MACHINING',
        contractType: 'CDI',
        positions: 1,
        diplomaLevel: 'CAP',
        skills: ['fraisage', 'commande numérique'],
        startInDays: 30,
        expiresInDays: 80,
      },
    ],
  },
  {
    slug: 'metallerie-oise',
    name: 'Métallerie de la Vallée de l’Oise',
    siretBase: '4901234560001',
    city: 'Margny-lès-Compiègne',
    lat: 49.4261,
    lng: 2.8194,
    contact: 'Céline Masson',
    schools: ['compiegne'],
    promises: [
      {
        title: 'Métallier·ère serrurier·ère',
        description:
          'Fabrication et pose de garde-corps, portails et escaliers métalliques. Découpe, assemblage, soudure MIG.',
        trade: 'METALWORK',
        contractType: 'CDI',
        positions: 1,
        diplomaLevel: 'CAP',
        skills: ['serrurerie', 'soudure MIG', 'assemblage'],
        startInDays: 21,
        expiresInDays: 70,
      },
    ],
  },
  // Besançon
  {
    slug: 'microtech-fc',
    name: 'Microtechnique Franc-Comtoise',
    siretBase: '5012345670001',
    city: 'Besançon',
    lat: 47.2501,
    lng: 5.9962,
    contact: 'Anne Girardot',
    schools: ['besancon'],
    promises: [
      {
        title: 'Décolleteur·se sur tour multibroche',
        description: usinageDesc('Décolletage de petites pièces de précision pour l’horlogerie et le médical.'),
        trade: 'MACHINING',
        contractType: 'CDI',
        positions: 2,
        diplomaLevel: 'CAP',
        skills: ['décolletage', 'tournage', 'métrologie'],
        startInDays: 30,
        expiresInDays: 90,
      },
    ],
  },
  {
    slug: 'horloger-doubs',
    name: 'Atelier Horloger du Doubs',
    siretBase: '5123456780001',
    city: 'Besançon',
    lat: 47.2405,
    lng: 6.0302,
    contact: 'Pierre Cuenot',
    schools: ['besancon'],
    promises: [
      {
        title: 'Polisseur·se en horlogerie-bijouterie',
        description:
          'Polissage et finition de boîtiers de montres et de bijoux en or et acier, sous loupe binoculaire.',
        trade: 'JEWELRY',
        contractType: 'APPRENTICESHIP',
        positions: 1,
        skills: ['polissage', 'horlogerie'],
        startInDays: 45,
        expiresInDays: 100,
      },
    ],
  },
  // Tarbes
  {
    slug: 'chaudronnerie-pyrenees',
    name: 'Chaudronnerie Pyrénées Industrie',
    siretBase: '5234567890001',
    city: 'Tarbes',
    lat: 43.2408,
    lng: 0.0652,
    contact: 'Jean-Michel Abadie',
    schools: ['tarbes'],
    promises: [
      {
        title: 'Chaudronnier·ère en CDI',
        description:
          'Traçage, découpe, pliage et roulage de tôles pour le ferroviaire et l’énergie. Atelier de 40 personnes.',
        trade: 'BOILERMAKING',
        contractType: 'CDI',
        positions: 2,
        diplomaLevel: 'CAP',
        skills: ['traçage', 'pliage', 'roulage'],
        startInDays: 30,
        expiresInDays: 90,
      },
    ],
  },
  {
    slug: 'soudure-bigourdane',
    name: 'Soudure Bigourdane',
    siretBase: '5345678900001',
    city: 'Séméac',
    lat: 43.2291,
    lng: 0.1065,
    contact: 'Marie Fourcade',
    schools: ['tarbes'],
    promises: [
      {
        title: 'Soudeur·se à l’arc en apprentissage',
        description: 'Soudure à l’électrode enrobée et MIG sur charpentes métalliques, en alternance.',
        trade: 'WELDING',
        contractType: 'APPRENTICESHIP',
        positions: 1,
        skills: ['soudure à l’arc', 'soudure MIG/MAG'],
        startInDays: 50,
        expiresInDays: 110,
      },
    ],
  },
  {
    slug: 'aero-tolerie',
    name: 'Aéro Tôlerie Adour',
    siretBase: '5456789010001',
    city: 'Bordères-sur-l’Échez',
    lat: 43.2604,
    lng: 0.0483,
    contact: 'Olivier Lacoste',
    schools: ['tarbes'],
    promises: [
      {
        title: 'Tôlier·ère chaudronnier·ère aéronautique',
        description: 'Formage de pièces de structure en aluminium pour l’aéronautique, lecture de gammes et contrôle.',
        trade: 'BOILERMAKING',
        contractType: 'CDD',
        positions: 1,
        diplomaLevel: 'BAC_PRO',
        skills: ['formage', 'aluminium', 'lecture de plans'],
        startInDays: 20,
        expiresInDays: 60,
      },
    ],
  },
  // Remiremont
  {
    slug: 'tissages-vosges',
    name: 'Tissages des Hautes-Vosges',
    siretBase: '5567890120001',
    city: 'Remiremont',
    lat: 48.0203,
    lng: 6.5852,
    contact: 'Catherine Pierrat',
    schools: ['remiremont'],
    promises: [
      {
        title: 'Conducteur·rice de métiers à tisser',
        description: 'Conduite et réglage de métiers à tisser jacquard pour le linge de maison haut de gamme.',
        trade: 'TEXTILE',
        contractType: 'CDI',
        positions: 1,
        diplomaLevel: 'CAP',
        skills: ['tissage', 'contrôle qualité'],
        startInDays: 30,
        expiresInDays: 90,
      },
    ],
  },
  {
    slug: 'confection-vosgienne',
    name: 'Confection Vosgienne',
    siretBase: '5678901230001',
    city: 'Saint-Nabord',
    lat: 48.0505,
    lng: 6.5818,
    contact: 'Martine Claudel',
    schools: ['remiremont'],
    promises: [
      {
        title: 'Mécanicien·ne en confection',
        description: 'Assemblage de vêtements de travail sur machines industrielles : piqûre, surjet, finitions.',
        trade: 'TEXTILE',
        contractType: 'APPRENTICESHIP',
        positions: 2,
        skills: ['couture industrielle', 'patronage'],
        startInDays: 40,
        expiresInDays: 100,
      },
    ],
  },
  // Chaumont
  {
    slug: 'decolletage-hm',
    name: 'Décolletage Haut-Marnais',
    siretBase: '5789012340001',
    city: 'Chaumont',
    lat: 48.1052,
    lng: 5.1478,
    contact: 'Gilles Royer',
    schools: ['chaumont'],
    promises: [
      {
        title: 'Régleur·se décolleteur·se',
        description: usinageDesc('Réglage de tours à cames et CN pour la coutellerie et la visserie.'),
        trade: 'MACHINING',
        contractType: 'CDI',
        positions: 1,
        diplomaLevel: 'CAP',
        skills: ['décolletage', 'tournage'],
        startInDays: 30,
        expiresInDays: 90,
      },
    ],
  },
  {
    slug: 'forges-chaumont',
    name: 'Forges et Usinage de Chaumont',
    siretBase: '5890123450001',
    city: 'Chaumont',
    lat: 48.0987,
    lng: 5.1303,
    contact: 'Dominique Henry',
    schools: ['chaumont'],
    promises: [
      {
        title: 'Usineur·se en intérim',
        description: usinageDesc('Usinage de pièces forgées, tournage et fraisage conventionnels.'),
        trade: 'MACHINING',
        contractType: 'INTERIM',
        positions: 2,
        skills: ['tournage', 'fraisage'],
        startInDays: 7,
        expiresInDays: 35,
      },
    ],
  },
  // Vitry-le-François
  {
    slug: 'metallerie-marnaise',
    name: 'Métallerie Marnaise',
    siretBase: '5901234560001',
    city: 'Vitry-le-François',
    lat: 48.7271,
    lng: 4.5912,
    contact: 'Frédéric Lambert',
    schools: ['vitry'],
    promises: [
      {
        title: 'Métallier·ère en CDI',
        description: 'Ouvrages métalliques pour le bâtiment agricole : découpe, perçage, assemblage par soudure.',
        trade: 'METALWORK',
        contractType: 'CDI',
        positions: 1,
        diplomaLevel: 'CAP',
        skills: ['découpe', 'assemblage', 'soudure MIG'],
        startInDays: 30,
        expiresInDays: 90,
      },
    ],
  },
  {
    slug: 'serrurerie-champenoise',
    name: 'Serrurerie Champenoise',
    siretBase: '6012345670001',
    city: 'Marolles',
    lat: 48.7323,
    lng: 4.6143,
    contact: 'Nathalie Jacquet',
    schools: ['vitry'],
    promises: [
      {
        title: 'Serrurier·ère métallier·ère en apprentissage',
        description: 'Fabrication de grilles, portails et mobilier en acier, en alternance vers le CAP.',
        trade: 'METALWORK',
        contractType: 'APPRENTICESHIP',
        positions: 1,
        skills: ['serrurerie', 'découpe'],
        startInDays: 45,
        expiresInDays: 100,
      },
    ],
  },
];

export interface DemoStudent {
  firstName: string;
  lastName: string;
  school: string;
  trade: Trade;
  diplomaLevel: DiplomaLevel;
  /** A graduate (diploma last June) or a student still at school (diploma next June). */
  stage: 'graduate' | 'student';
  skills: string[];
  mobilityKm: number;
  /** Offsets from the school, in degrees, so students do not all live on the school's doorstep. */
  dLat: number;
  dLng: number;
  city: string;
}

const s = (
  school: string,
  firstName: string,
  lastName: string,
  trade: Trade,
  stage: 'graduate' | 'student',
  skills: string[],
  city: string,
  mobilityKm = 30,
  dLat = 0.02,
  dLng = -0.02,
  diplomaLevel: DiplomaLevel = 'CAP',
): DemoStudent => ({ firstName, lastName, school, trade, stage, skills, city, mobilityKm, dLat, dLng, diplomaLevel });

export const DEMO_STUDENTS: DemoStudent[] = [
  s('evreux', 'Léo', 'Dubois', 'MACHINING', 'student', ['tournage', 'lecture de plans'], 'Évreux'),
  s(
    'evreux',
    'Camille',
    'Fontaine',
    'MACHINING',
    'graduate',
    ['fraisage', 'commande numérique', 'métrologie'],
    'Saint-Sébastien-de-Morsent',
    40,
    -0.01,
    -0.04,
  ),
  s(
    'evreux',
    'Mathis',
    'Leroy',
    'INDUSTRIAL_MAINTENANCE',
    'graduate',
    ['mécanique', 'pneumatique', 'diagnostic'],
    'Gravigny',
    35,
    0.03,
    0.0,
  ),
  s('evreux', 'Jade', 'Renault', 'INDUSTRIAL_MAINTENANCE', 'student', ['mécanique'], 'Évreux', 20),

  s(
    'chalon',
    'Lina',
    'Martin',
    'WELDING',
    'student',
    ['soudure TIG', 'soudure MIG/MAG', 'lecture de plans'],
    'Chalon-sur-Saône',
    25,
  ),
  s(
    'chalon',
    'Yanis',
    'Bernard',
    'WELDING',
    'graduate',
    ['soudure TIG', 'inox', 'meulage'],
    'Saint-Marcel',
    40,
    -0.01,
    0.05,
  ),
  s(
    'chalon',
    'Emma',
    'Moreau',
    'MACHINING',
    'graduate',
    ['tournage', 'fraisage', 'commande numérique'],
    'Givry',
    30,
    0.0,
    -0.1,
    'BAC_PRO',
  ),
  s('chalon', 'Noah', 'Petit', 'MACHINING', 'student', ['tournage'], 'Chalon-sur-Saône', 20),
  s('chalon', 'Inès', 'Roux', 'WELDING', 'student', ['soudure MIG/MAG'], 'Châtenoy-le-Royal', 15, 0.01, -0.04),

  s(
    'senart',
    'Adam',
    'Haddad',
    'INDUSTRIAL_ELECTRICITY',
    'graduate',
    ['câblage', 'armoires électriques', 'habilitation électrique'],
    'Savigny-le-Temple',
    30,
    -0.02,
    0.03,
  ),
  s(
    'senart',
    'Sarah',
    'Diallo',
    'INDUSTRIAL_ELECTRICITY',
    'student',
    ['câblage', 'lecture de schémas'],
    'Lieusaint',
    25,
  ),
  s(
    'senart',
    'Rayan',
    'Mercier',
    'INDUSTRIAL_MAINTENANCE',
    'student',
    ['mécanique', 'hydraulique'],
    'Moissy-Cramayel',
    30,
    0.0,
    0.02,
  ),

  s('compiegne', 'Hugo', 'Lefebvre', 'MACHINING', 'graduate', ['fraisage', 'commande numérique'], 'Compiègne', 30),
  s(
    'compiegne',
    'Manon',
    'Dupont',
    'METALWORK',
    'student',
    ['serrurerie', 'assemblage'],
    'Margny-lès-Compiègne',
    20,
    0.01,
    -0.01,
  ),
  s(
    'compiegne',
    'Lucas',
    'Carpentier',
    'METALWORK',
    'graduate',
    ['serrurerie', 'soudure MIG', 'découpe'],
    'Venette',
    35,
    0.0,
    -0.04,
  ),

  s('besancon', 'Chloé', 'Guyon', 'JEWELRY', 'graduate', ['polissage', 'sertissage', 'horlogerie'], 'Besançon', 30),
  s('besancon', 'Gabriel', 'Faivre', 'MACHINING', 'student', ['décolletage', 'tournage'], 'Besançon', 25),
  s(
    'besancon',
    'Louise',
    'Cuenot',
    'MACHINING',
    'graduate',
    ['tournage', 'métrologie', 'commande numérique'],
    'Saint-Vit',
    40,
    -0.02,
    -0.15,
    'BAC_PRO',
  ),

  s('tarbes', 'Enzo', 'Fourcade', 'BOILERMAKING', 'graduate', ['traçage', 'pliage', 'roulage'], 'Tarbes', 35),
  s(
    'tarbes',
    'Léa',
    'Abadie',
    'WELDING',
    'student',
    ['soudure à l’arc', 'soudure MIG/MAG'],
    'Aureilhan',
    25,
    0.01,
    0.02,
  ),
  s('tarbes', 'Tom', 'Lacoste', 'BOILERMAKING', 'student', ['traçage', 'lecture de plans'], 'Séméac', 20, -0.01, 0.03),

  s('remiremont', 'Zoé', 'Pierrat', 'TEXTILE', 'graduate', ['tissage', 'contrôle qualité'], 'Remiremont', 30),
  s(
    'remiremont',
    'Alice',
    'Claudel',
    'TEXTILE',
    'student',
    ['couture industrielle', 'patronage'],
    'Saint-Étienne-lès-Remiremont',
    25,
    0.01,
    0.0,
  ),

  s('chaumont', 'Nathan', 'Royer', 'MACHINING', 'graduate', ['décolletage', 'tournage', 'fraisage'], 'Chaumont', 30),
  s('chaumont', 'Rose', 'Henry', 'MACHINING', 'student', ['tournage'], 'Brottes', 20, 0.02, 0.0),

  s(
    'vitry',
    'Jules',
    'Lambert',
    'METALWORK',
    'graduate',
    ['découpe', 'assemblage', 'soudure MIG'],
    'Vitry-le-François',
    35,
  ),
  s('vitry', 'Anaïs', 'Jacquet', 'METALWORK', 'student', ['serrurerie'], 'Frignicourt', 20, -0.01, -0.01),
];

/** Diplomas are awarded at the end of June: a graduate's was the last one, a student's is the next one. */
export function graduationDateFor(stage: DemoStudent['stage'], now: Date): Date {
  const year = now.getUTCFullYear();
  const thisJune = new Date(Date.UTC(year, 5, 30));
  if (stage === 'graduate') return thisJune <= now ? thisJune : new Date(Date.UTC(year - 1, 5, 30));
  return thisJune > now ? thisJune : new Date(Date.UTC(year + 1, 5, 30));
}

/** E-mail of a demo student: lina.martin@eleve.promesse.demo (accents dropped). */
export function studentEmail(st: Pick<DemoStudent, 'firstName' | 'lastName'>): string {
  const slug = (x: string) =>
    x
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '-');
  return `${slug(st.firstName)}.${slug(st.lastName)}@eleve.promesse.demo`;
}

export const staffEmail = (school: Pick<DemoSchool, 'key'>) => `staff.${school.key}@promesse.demo`;
export const recruiterEmail = (company: Pick<DemoCompany, 'slug'>) => `recrutement@${company.slug}.demo`;

/** Applications in progress: who applied to which company's promise (by title), and how far it went. */
export interface DemoApplication {
  student: string; // e-mail
  company: string; // slug
  promise: string; // title
  status: Extract<ApplicationStatus, 'SUBMITTED' | 'SHORTLISTED' | 'INTERVIEW' | 'OFFERED'>;
  message?: string;
}

export const DEMO_APPLICATIONS: DemoApplication[] = [
  {
    student: 'lina.martin@eleve.promesse.demo',
    company: 'chaudronnerie-chalonnais',
    promise: 'Soudeur·se TIG inox',
    status: 'SHORTLISTED',
    message: 'Bonjour, je soude au TIG depuis un an à l’École de Production et j’aime le travail de l’inox.',
  },
  {
    student: 'ines.roux@eleve.promesse.demo',
    company: 'chaudronnerie-chalonnais',
    promise: 'Soudeur·se MIG/MAG en CDD',
    status: 'SUBMITTED',
  },
  {
    student: 'emma.moreau@eleve.promesse.demo',
    company: 'saone-precision',
    promise: 'Opérateur·rice régleur·se sur centre d’usinage',
    status: 'INTERVIEW',
  },
  {
    student: 'camille.fontaine@eleve.promesse.demo',
    company: 'usinage-normand',
    promise: 'Tourneur·se sur commande numérique',
    status: 'OFFERED',
    message: 'Diplômée du CAP, je suis disponible dès maintenant.',
  },
  {
    student: 'adam.haddad@eleve.promesse.demo',
    company: 'senart-elec',
    promise: 'Câbleur·se d’armoires électriques',
    status: 'SUBMITTED',
  },
  {
    student: 'enzo.fourcade@eleve.promesse.demo',
    company: 'chaudronnerie-pyrenees',
    promise: 'Chaudronnier·ère en CDI',
    status: 'SHORTLISTED',
  },
];

/** School recommendations: the staff of the student's school recommend them. `accept`: the graduate already said yes. */
export interface DemoRecommendation {
  student: string;
  company: string;
  promise: string;
  note: string;
  accept?: boolean;
}

export const DEMO_RECOMMENDATIONS: DemoRecommendation[] = [
  {
    student: 'yanis.bernard@eleve.promesse.demo',
    company: 'chaudronnerie-chalonnais',
    promise: 'Soudeur·se TIG inox',
    note: 'Yanis a réalisé pendant deux ans nos commandes de cuves inox : soudures TIG propres, très fiable et ponctuel.',
  },
  {
    student: 'chloe.guyon@eleve.promesse.demo',
    company: 'horloger-doubs',
    promise: 'Polisseur·se en horlogerie-bijouterie',
    note: 'Chloé a un excellent œil pour les finitions ; elle a poli les boîtiers de notre série école.',
    accept: true,
  },
];

/** The 14-digit SIRET of a demo company (Luhn check digit appended). */
export function demoSiret(base13: string): string {
  return withLuhnCheckDigit(base13);
}

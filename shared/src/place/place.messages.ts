import { defineMessages } from '../messages/messages.define';

// The distance bands a company sees (DISTANCE_BANDS), and the refusals that protect a minor's location.
export const placeMessages = defineMessages({
  fr: {
    'place.band.under10': 'moins de 10 km',
    'place.band.from10to25': 'de 10 à 25 km',
    'place.band.from25to50': 'de 25 à 50 km',
    'place.band.over50': 'plus de 50 km',
    'place.reason.distanceHidden': 'Distance indiquée une fois que le jeune a candidaté ou vous a été recommandé',
    'place.reason.withinBand': 'À {{band}} (rayon de mobilité {{radiusKm}} km)',
    'place.reason.outOfBand': 'Sans doute hors de son rayon de mobilité (à {{band}}, rayon {{radiusKm}} km)',
    'place.matchingOnDraft':
      'Publiez la promesse pour voir les diplômés proches : le lieu d’un brouillon peut encore changer',
    'place.locationFixedOncePublished': 'Le lieu d’une promesse publiée ne peut plus changer',
    'place.tooManyMatchingRequests':
      'Trop de recherches de diplômés pour le moment. Réessayez dans {{retryAfterSeconds}} s.',
  },
  en: {
    'place.band.under10': 'less than 10 km',
    'place.band.from10to25': '10 to 25 km',
    'place.band.from25to50': '25 to 50 km',
    'place.band.over50': 'more than 50 km',
    'place.reason.distanceHidden': 'Distance shown once the young person has applied or been recommended to you',
    'place.reason.withinBand': '{{band}} away (mobility radius {{radiusKm}} km)',
    'place.reason.outOfBand': 'Probably outside their mobility radius ({{band}} away, radius {{radiusKm}} km)',
    'place.matchingOnDraft': 'Publish the promise to see graduates nearby: a draft’s place can still change',
    'place.locationFixedOncePublished': 'The place of a published promise cannot change',
    'place.tooManyMatchingRequests': 'Too many graduate searches for now. Try again in {{retryAfterSeconds}} s.',
  },
});

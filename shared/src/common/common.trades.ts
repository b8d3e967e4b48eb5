import type { Trade } from './common.enums';
import { TRADES } from './common.enums';

/** ROME code (France Travail job classification) of each trade. */
export const TRADE_ROME: { readonly [T in Trade]: string } = {
  MACHINING: 'H2903',
  BOILERMAKING: 'H2902',
  WELDING: 'H2913',
  METALWORK: 'H2911',
  INDUSTRIAL_ELECTRICITY: 'I1309',
  INDUSTRIAL_MAINTENANCE: 'I1304',
  WOODWORK: 'H2206',
  TEXTILE: 'H2402',
  JEWELRY: 'B1603',
  AUTOMOTIVE: 'I1604',
  CATERING: 'G1602',
  DIGITAL: 'M1810',
};

/**
 * ROME family of a trade: the first three characters of its ROME code (letter = domain, two digits = group).
 * Trades of one family share gestures and tools, so a graduate of one is a credible candidate for another:
 * H29 groups machining, boilermaking, welding and metalwork (metal working); I13 groups industrial electricity
 * and industrial maintenance. Every other trade is alone in its family among our trades.
 */
export const TRADE_FAMILY: { readonly [T in Trade]: string } = Object.fromEntries(
  TRADES.map((t) => [t, TRADE_ROME[t].slice(0, 3)]),
) as { readonly [T in Trade]: string };

/** French names of the ROME families our trades belong to. */
export const ROME_FAMILY_LABELS: Readonly<Record<string, string>> = {
  H29: 'Mécanique, travail des métaux et outillage',
  I13: 'Installation et maintenance d’équipements industriels',
  H22: 'Travail du bois et de l’ameublement',
  H24: 'Cuir et textile',
  B16: 'Travail du métal, du verre et bijouterie',
  I16: 'Maintenance de véhicules',
  G16: 'Production culinaire',
  M18: 'Systèmes d’information et de télécommunication',
};

/** Trades of the same ROME family as `trade`, itself excluded, in TRADES order. */
export function relatedTrades(trade: Trade): Trade[] {
  const family = TRADE_FAMILY[trade];
  return TRADES.filter((t) => t !== trade && TRADE_FAMILY[t] === family);
}

/** `trade` and its related trades, in TRADES order (handy for `{ trade: { $in } }` candidate queries). */
export function tradesOfFamily(trade: Trade): Trade[] {
  const family = TRADE_FAMILY[trade];
  return TRADES.filter((t) => TRADE_FAMILY[t] === family);
}

/** Different trades of the same ROME family. */
export function isRelatedTrade(a: Trade, b: Trade): boolean {
  return a !== b && TRADE_FAMILY[a] === TRADE_FAMILY[b];
}

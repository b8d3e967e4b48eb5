import type { GeoPoint } from '@promesse/shared';
import { SelectField } from './select-field';

export interface Town {
  name: string;
  location: GeoPoint;
}

/** A short list of French towns (the demo network's and the largest cities) with their coordinates. */
export const TOWNS: readonly Town[] = (
  [
    ['Angers', 47.4784, -0.5632],
    ['Besançon', 47.2378, 6.0241],
    ['Bordeaux', 44.8378, -0.5792],
    ['Chalon-sur-Saône', 46.7806, 4.8539],
    ['Chaumont', 48.1113, 5.1392],
    ['Clermont-Ferrand', 45.7772, 3.087],
    ['Compiègne', 49.4179, 2.8261],
    ['Dijon', 47.322, 5.0415],
    ['Évreux', 49.0241, 1.1508],
    ['Grenoble', 45.1885, 5.7245],
    ['Le Mans', 48.0061, 0.1996],
    ['Lieusaint', 48.6333, 2.55],
    ['Lille', 50.6292, 3.0573],
    ['Lyon', 45.764, 4.8357],
    ['Marseille', 43.2965, 5.3698],
    ['Montpellier', 43.6108, 3.8767],
    ['Nancy', 48.6921, 6.1844],
    ['Nantes', 47.2184, -1.5536],
    ['Paris', 48.8566, 2.3522],
    ['Reims', 49.2583, 4.0317],
    ['Remiremont', 48.0172, 6.5917],
    ['Rennes', 48.1173, -1.6778],
    ['Rouen', 49.4432, 1.0999],
    ['Saint-Étienne', 45.4397, 4.3872],
    ['Saint-Rémy', 46.7636, 4.8353],
    ['Strasbourg', 48.5734, 7.7521],
    ['Tarbes', 43.2328, 0.0781],
    ['Toulouse', 43.6047, 1.4442],
    ['Valence', 44.9334, 4.8924],
    ['Vitry-le-François', 48.7247, 4.5847],
  ] as const
).map(([name, lat, lng]) => ({ name, location: { lat, lng } }));

/** The towns offered, plus `current` when the stored town is not in the list (kept with its own coordinates). */
export function townsWith(current: Town | null): readonly Town[] {
  if (!current || TOWNS.some((t) => t.name === current.name)) return TOWNS;
  return [current, ...TOWNS];
}

/** The town picked in a form's TownSelect (named `name`), with its coordinates; undefined when none is. */
export function pickedTown(towns: readonly Town[], data: FormData, name = 'city'): Town | undefined {
  const picked = data.get(name);
  return towns.find((t) => t.name === picked);
}

/** The picked town as the shared schemas take it: its name and coordinates (both undefined when none is picked). */
export function townInput(
  towns: readonly Town[],
  data: FormData,
  name = 'city',
): { city: string | undefined; location: GeoPoint | undefined } {
  const town = pickedTown(towns, data, name);
  return { city: town?.name, location: town?.location };
}

interface TownSelectProps {
  label: string;
  hint?: string;
  placeholder: string;
  towns: readonly Town[];
  name?: string;
  defaultValue?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

/** Town picker whose value is the town's name; the caller reads the town and its coordinates with pickedTown. */
export function TownSelect({ towns, name = 'city', ...rest }: TownSelectProps) {
  return <SelectField name={name} options={towns.map((t) => ({ value: t.name, label: t.name }))} {...rest} />;
}

import { useEffect, useState } from 'react';
import { useCombobox } from 'downshift';
import { useQuery } from 'urql';
import type { GeoPoint } from '@promesse/shared';
import { graphql } from '../gql';
import { useI18n } from '../lib/i18n/i18n';
import { FieldShell, type FieldControlProps, type FieldProps } from './form-field';

/** A town as forms store it: its name and coordinates (from the `towns` gazetteer). */
export interface Town {
  name: string;
  location: GeoPoint;
}

const TownsDocument = graphql(`
  query Towns($search: String!, $first: Int) {
    towns(search: $search, first: $first) {
      name
      departmentCode
      departmentName
      location {
        lat
        lng
      }
    }
  }
`);

/** How long typing pauses before the gazetteer is asked (one request per pause, not per key). */
const SEARCH_DELAY_MS = 200;

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** The town picked in a form's TownSelect (named `name`), from its hidden inputs; undefined when none is. */
export function pickedTown(data: FormData, name = 'city'): Town | undefined {
  const city = data.get(name);
  const lat = data.get(`${name}Lat`);
  const lng = data.get(`${name}Lng`);
  if (typeof city !== 'string' || city === '' || typeof lat !== 'string' || typeof lng !== 'string') return undefined;
  if (lat === '' || lng === '' || !Number.isFinite(Number(lat)) || !Number.isFinite(Number(lng))) return undefined;
  return { name: city, location: { lat: Number(lat), lng: Number(lng) } };
}

/** The picked town as the shared schemas take it: its name and coordinates (both undefined when none is picked). */
export function townInput(data: FormData, name = 'city'): { city: string | undefined; location: GeoPoint | undefined } {
  const town = pickedTown(data, name);
  return { city: town?.name, location: town?.location };
}

interface TownSelectProps extends FieldProps {
  placeholder?: string;
  name?: string;
  /** The town stored so far (kept with its own coordinates until another is picked). */
  defaultTown?: Town | null | undefined;
  required?: boolean;
}

/**
 * Town picker over the gazetteer (`towns` query: accents, case, hyphens aside; prefixes, "st" for saint, typos):
 * type a few letters, pick a town. The form gets the name in `name` and the coordinates in `${name}Lat`/`${name}Lng`.
 */
export function TownSelect({ label, hint, error, className, ...rest }: TownSelectProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className}>
      {(control) => <TownCombobox control={control} {...rest} />}
    </FieldShell>
  );
}

type TownOption = Town & { departmentCode: string; departmentName: string };

function TownCombobox({
  control,
  placeholder,
  name = 'city',
  defaultTown,
  required,
}: Omit<TownSelectProps, 'label' | 'hint' | 'error' | 'className'> & { control: FieldControlProps }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<Town | null>(defaultTown ?? null);
  const [text, setText] = useState(defaultTown?.name ?? '');
  const search = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const [{ data, fetching }] = useQuery({
    query: TownsDocument,
    variables: { search, first: 8 },
    pause: search.length < 2 || search === selected?.name,
  });
  const items: TownOption[] = search.length < 2 ? [] : (data?.towns ?? []);
  const { isOpen, highlightedIndex, getInputProps, getMenuProps, getItemProps } = useCombobox<TownOption>({
    items,
    inputId: control.id,
    // aria-controls of the input must name the listbox: both ids come from downshift.
    menuId: `${control.id}-towns`,
    inputValue: text,
    itemToString: (town) => town?.name ?? '',
    onInputValueChange: ({ inputValue }) => {
      setText(inputValue);
      if (selected && inputValue !== selected.name) setSelected(null);
    },
    onSelectedItemChange: ({ selectedItem }) =>
      setSelected(selectedItem ? { name: selectedItem.name, location: selectedItem.location } : null),
  });
  return (
    <div className="town-select">
      <input
        className="field__input"
        {...getInputProps({
          'aria-invalid': control['aria-invalid'],
          'aria-describedby': control['aria-describedby'],
          // The field shell's <label for> names the input; downshift's own label id would point nowhere.
          'aria-labelledby': undefined,
          placeholder,
          required,
          autoComplete: 'off',
        })}
      />
      <input type="hidden" name={name} value={selected?.name ?? ''} />
      <input type="hidden" name={`${name}Lat`} value={selected?.location.lat ?? ''} />
      <input type="hidden" name={`${name}Lng`} value={selected?.location.lng ?? ''} />
      <ul
        className="town-select__menu"
        {...getMenuProps({ 'aria-labelledby': undefined, 'aria-label': t('town.suggestions') })}
        hidden={!isOpen || (items.length === 0 && !fetching)}
      >
        {isOpen
          ? items.map((town, index) => (
              <li
                key={`${town.name}-${town.departmentCode}`}
                className={`town-select__option${highlightedIndex === index ? ' town-select__option--active' : ''}`}
                {...getItemProps({ item: town, index })}
              >
                {town.name},{' '}
                <span className="town-select__department">
                  {t('town.department', { name: town.departmentName, code: town.departmentCode })}
                </span>
              </li>
            ))
          : null}
      </ul>
      {isOpen && search.length >= 2 && !fetching && items.length === 0 ? (
        <p className="field__hint" role="status">
          {t('town.none')}
        </p>
      ) : null}
    </div>
  );
}

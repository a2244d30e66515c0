import { useT } from '../i18n/i18n';
import { placeOptions, SelectField, type SelectOption } from './select-field';
import { uiMessages } from './ui-messages';

/**
 * The filters of a list whose rows have a state and a place (counts, transfers): a select for each, whose first
 * choice filters nothing.
 */
export function StatePlaceFilters({
  states,
  state,
  onState,
  places,
  placeId,
  onPlace,
}: {
  states: readonly SelectOption[];
  state: string;
  onState: (state: string) => void;
  places: readonly { id: string; name: string }[];
  placeId: string;
  onPlace: (placeId: string) => void;
}) {
  const t = useT(uiMessages);
  return (
    <div className="filters">
      <SelectField label={t('state')} value={state} onChange={onState} options={states} all={t('anyState')} />
      <SelectField
        label={t('location')}
        value={placeId}
        onChange={onPlace}
        options={placeOptions(places)}
        all={t('anyPlace')}
      />
    </div>
  );
}

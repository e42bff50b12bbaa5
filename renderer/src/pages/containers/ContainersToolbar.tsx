import { useShallow } from 'zustand/react/shallow';
import { FilterBox } from '../../components/FilterBox';
import { HEALTH_FILTERS, STATE_FILTERS, type HealthFilter, type StateFilter } from './container-states';
import { useContainerListView } from './container-list-view-store';

const STATE_IDS = Object.keys(STATE_FILTERS) as StateFilter[];
const HEALTH_IDS = Object.keys(HEALTH_FILTERS) as HealthFilter[];

/**
 * The list's filter box, then its state and health choices. Both choices are drop-downs as wide as what they show:
 * with several engines the header holds the engine's choice too, and a row of four state buttons (270 px) made it
 * wrap to two lines in a 1280 px window.
 */
export function ContainersToolbar() {
  const { filterText, setFilterText, stateFilter, setStateFilter, healthFilter, setHealthFilter } = useContainerListView(
    useShallow((s) => ({
      filterText: s.filterText,
      setFilterText: s.setFilterText,
      stateFilter: s.stateFilter,
      setStateFilter: s.setStateFilter,
      healthFilter: s.healthFilter,
      setHealthFilter: s.setHealthFilter,
    })),
  );
  return (
    <div className="containers-toolbar">
      <FilterBox value={filterText} onChange={setFilterText} placeholder="Filter: name, image, id, project" label="Filter containers" />
      <select className="select state-filter" aria-label="Filter by state" value={stateFilter} onChange={(e) => setStateFilter(e.target.value as StateFilter)}>
        {STATE_IDS.map((id) => (
          <option key={id} value={id}>
            {STATE_FILTERS[id].label}
          </option>
        ))}
      </select>
      <select className="select health-filter" aria-label="Filter by health" value={healthFilter} onChange={(e) => setHealthFilter(e.target.value as HealthFilter)}>
        {HEALTH_IDS.map((id) => (
          <option key={id} value={id}>
            {HEALTH_FILTERS[id]}
          </option>
        ))}
      </select>
    </div>
  );
}

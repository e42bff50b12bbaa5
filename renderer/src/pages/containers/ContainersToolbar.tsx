import { useShallow } from 'zustand/react/shallow';
import { FilterBox } from '../../components/FilterBox';
import { HEALTH_FILTERS, STATE_FILTERS, type HealthFilter, type StateFilter } from './container-states';
import { useContainerListView } from './container-list-view-store';

const FILTER_IDS = Object.keys(STATE_FILTERS) as StateFilter[];

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
      <div className="segmented" role="group" aria-label="Filter by state">
        {FILTER_IDS.map((id) => (
          <button key={id} type="button" aria-pressed={stateFilter === id} onClick={() => setStateFilter(id)}>
            {id === 'all' ? 'All' : STATE_FILTERS[id].label}
          </button>
        ))}
      </div>
      <select
        className="select health-filter"
        aria-label="Filter by health"
        value={healthFilter}
        onChange={(e) => setHealthFilter(e.target.value as HealthFilter)}
      >
        {(Object.keys(HEALTH_FILTERS) as HealthFilter[]).map((id) => (
          <option key={id} value={id}>
            {HEALTH_FILTERS[id]}
          </option>
        ))}
      </select>
    </div>
  );
}

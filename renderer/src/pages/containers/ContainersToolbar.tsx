import { FilterBox } from '../../components/FilterBox';
import { HEALTH_FILTERS, STATE_FILTERS, type HealthFilter, type StateFilter } from './container-states';
import { useContainerListView } from './container-list-view-store';

const FILTER_IDS = Object.keys(STATE_FILTERS) as StateFilter[];

export function ContainersToolbar() {
  const filterText = useContainerListView((s) => s.filterText);
  const setFilterText = useContainerListView((s) => s.setFilterText);
  const stateFilter = useContainerListView((s) => s.stateFilter);
  const setStateFilter = useContainerListView((s) => s.setStateFilter);
  const healthFilter = useContainerListView((s) => s.healthFilter);
  const setHealthFilter = useContainerListView((s) => s.setHealthFilter);
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

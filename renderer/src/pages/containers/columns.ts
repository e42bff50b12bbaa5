import type { SortColumn } from './container-rows';

export interface ColumnSpec {
  id: string;
  label: string;
  sort: SortColumn | null;
}

/** Column order; the CSS grid template in containers.css (--container-columns) follows it. */
export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'name', label: 'Name', sort: 'name' },
  { id: 'image', label: 'Image', sort: 'image' },
  { id: 'state', label: 'State', sort: 'state' },
  { id: 'status', label: 'Status', sort: 'status' },
  { id: 'health', label: 'Health', sort: 'health' },
  { id: 'usage', label: 'CPU · Memory', sort: null },
  { id: 'ports', label: 'Ports', sort: null },
  { id: 'created', label: 'Created', sort: 'created' },
  { id: 'compose', label: 'Service', sort: 'compose' },
  { id: 'actions', label: 'Actions', sort: null },
];

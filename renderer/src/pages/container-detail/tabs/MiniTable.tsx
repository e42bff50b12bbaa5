import type { ReactNode } from 'react';

/** A detail tab's small table (networks, mounts, processes): a header row of `head`, then the rows given. */
export function MiniTable({ head, className, children }: { head: readonly string[]; className?: string; children: ReactNode }) {
  return (
    <table className={className ? `mini-table ${className}` : 'mini-table'}>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

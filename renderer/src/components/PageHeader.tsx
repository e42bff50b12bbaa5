import type { ReactNode } from 'react';
import { EngineScopePicker } from '../shell/EngineScopePicker';

/** A page's header row: its title and the engine scope picker, then what the page adds (its count, filters, actions). */
export function PageHeader({ title, className, children }: { title: string; className?: string; children?: ReactNode }) {
  return (
    <header className={className ? `page-header ${className}` : 'page-header'}>
      <h1>{title}</h1>
      <EngineScopePicker />
      {children}
    </header>
  );
}

import { Anchor } from 'lucide-react';
import { OperationsIndicator } from '../operations/OperationsIndicator';
import { useNavigation } from '../stores/navigation-store';
import { EngineIndicator } from './EngineIndicator';
import { SidebarEngines } from './SidebarEngines';
import { PAGES, hashFor } from './pages';
import './sidebar.css';

export function Sidebar() {
  const page = useNavigation((s) => s.page);
  const scope = useNavigation((s) => s.scope);
  const go = useNavigation((s) => s.go);
  const main = PAGES.filter((p) => p.id !== 'settings');
  const settings = PAGES.filter((p) => p.id === 'settings');
  const link = (p: (typeof PAGES)[number]) => (
    <li key={p.id}>
      <a
        href={hashFor({ engineId: scope, page: p.id })}
        className="nav-link"
        aria-current={page === p.id ? 'page' : undefined}
        onClick={(e) => {
          e.preventDefault();
          go(p.id);
        }}
      >
        <p.icon size={16} aria-hidden />
        {p.label}
      </a>
    </li>
  );
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <Anchor size={18} aria-hidden /> Berth
      </div>
      <ul className="plain-list nav-list">{main.map(link)}</ul>
      <SidebarEngines />
      <div className="sidebar-bottom">
        <ul className="plain-list nav-list">{settings.map(link)}</ul>
        <OperationsIndicator />
        <EngineIndicator />
      </div>
    </nav>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { followEngines, useEngines } from './data/engines';
import { containersArrived, need, syncEngines } from './data/sync';
import { watchBackendSocket } from './stores/backend-store';
import { followHash, setEngineIdsSource } from './stores/navigation-store';
import { applyTheme } from './stores/theme-store';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';

// Streams live for the whole window, outside React, so remounting a page never re-opens them.
applyTheme();
setEngineIdsSource(() => {
  const { known, statuses } = useEngines.getState();
  return known ? statuses.map((s) => s.engineId) : null;
});
followHash();
watchBackendSocket();
followEngines();
syncEngines();
// Containers and images are needed from the first screen on (lists, run dialog, stacks); the other lists open theirs
// when a page asks.
need('containers');
need('images');

/** The longest the first render waits for the containers (see containersArrived): a slow engine gets the shell. */
const FIRST_RENDER_WAIT_MS = 150;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
void containersArrived(FIRST_RENDER_WAIT_MS).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

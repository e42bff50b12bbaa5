import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { watchContainers } from './pages/containers/containers-store';
import { watchImages } from './pages/images/images-store';
import { watchBackendSocket } from './stores/backend-store';
import { watchEngine } from './stores/engine-store';
import { followHash } from './stores/navigation-store';
import { applyTheme } from './stores/theme-store';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';

// Streams live for the whole window, outside React, so remounting a page never re-opens them.
applyTheme();
followHash();
watchBackendSocket();
watchEngine();
watchContainers();
watchImages();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

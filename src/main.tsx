import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';

void bootstrap()
  // Sync's client loads after the first screen; a ledger that does not sync stops right there.
  .then(async () => (await import('./sync/runtime')).syncLoop.start())
  .catch((error: unknown) => console.error('Daifuku start-up', error));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

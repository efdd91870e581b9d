import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { syncLoop } from './sync/runtime';

void bootstrap()
  .then(() => syncLoop.start())
  .catch((error: unknown) => console.error('Daifuku start-up', error));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { startI18n } from './i18n';
import { db } from './db/db';
import { readConnection } from './db/sync/state';
import { afterFirstAnswer } from './lib/first-answer';

// The strings of the device's language come first: every screen and the defaults need them.
await startI18n();
void bootstrap()
  // Sync's client loads after the first search's answer (lib/first-answer), and only on a device
  // that syncs: a pull writing thousands of rows would hold up the rows that answer needs.
  .then(() => new Promise<void>((resolve) => afterFirstAnswer(resolve)))
  .then(async () => {
    if (await readConnection(db)) await (await import('./sync/runtime')).syncLoop.start();
  })
  .catch((error: unknown) => console.error('Daifuku start-up', error));

// The first render is a transition so React renders it in slices of a few milliseconds: rendered
// at once, the whole first screen is one long task, and a tap or a keystroke on a slow tablet
// waits behind it.
const root = createRoot(document.getElementById('root')!);
startTransition(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

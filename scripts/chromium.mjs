// Debian's chromium as the tests, the bench and the scripts start it: headless in a container,
// without the sandbox, the GPU or Google's background services (updates, sync, QUIC), so nothing
// but the app competes for the machine.
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

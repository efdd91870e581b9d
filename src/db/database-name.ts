/** The ledger's IndexedDB database. Its own module: the page's boot script opens it too (scripts/vite-first-screen.ts). */
export const DATABASE_NAME = 'daifuku';

import core from './core.json';
import relationships from './relationships.json';
import safety from './safety.json';

/** Every English string; the Japanese file must say the same keys (resources.test.ts). */
const en = { ...core, ...relationships, ...safety };
export default en;

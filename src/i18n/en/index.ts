import core from './core.json';
import relationships from './relationships.json';

/** Every English string; the Japanese file must say the same keys (resources.test.ts). */
const en = { ...core, ...relationships };
export default en;

import core from './core-screens.json';
import relationships from './relationships-screens.json';
import safety from './safety-screens.json';
import buyIn from './buyin-screens.json';
import insights from './insights-screens.json';
import sync from './sync-screens.json';

/** The strings of the screens that load lazily, merged into the first screen's when they load. */
const en = { ...core, ...relationships, ...safety, ...sync, ...buyIn, ...insights };
export default en;

import type en from '../en/index';
import core from './core.json';
import relationships from './relationships.json';
import safety from './safety.json';
import buyIn from './buyin.json';
import insights from './insights.json';

/** The strings the first screen shows (shell); the rest load with the screens (screens.ts). */
const ja: typeof en = { ...core, ...relationships, ...safety, ...buyIn, ...insights };
export default ja;

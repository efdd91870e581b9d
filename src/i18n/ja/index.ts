import type en from '../en/index';
import core from './core.json';
import relationships from './relationships.json';
import safety from './safety.json';

const ja: typeof en = { ...core, ...relationships, ...safety };
export default ja;

import type en from '../en/index';
import core from './core.json';
import relationships from './relationships.json';

const ja: typeof en = { ...core, ...relationships };
export default ja;

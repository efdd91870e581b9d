import 'i18next';
import type { Translations } from './resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Translations };
    returnNull: false;
  }
}

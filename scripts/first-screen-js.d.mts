import type { Page } from 'playwright-core';

export function firstScreenJavaScript(
  page: Page,
  distDir: string,
  url?: string,
  options?: { query?: string },
): Promise<{ kb: number; files: string[]; boxKb: number; boxFiles: string[] }>;

import type { Page } from 'playwright-core';

export function firstScreenJavaScript(
  page: Page,
  distDir: string,
  url?: string,
): Promise<{ kb: number; files: string[] }>;

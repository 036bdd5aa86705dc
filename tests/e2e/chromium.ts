/**
 * Which Chromium Playwright drives. Playwright cannot download its own browsers on this network, so
 * a system Chromium is preferred: `CHROMIUM_PATH` if set, else Debian's `/usr/bin/chromium`. Where
 * neither exists, Playwright's own browser is used (on a machine where one is installed).
 */
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

/** Launch options for CI containers: run as root, no GPU, and no calls home on a machine with no network. */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = chromiumExecutable();
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}

import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which CI installs; the browser tests say they are skipped without it. */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = () => existsSync(chromiumPath);

/** Debian's Chromium, headless, with nothing of its own reaching the network (updates, sync, QUIC). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = path.join(repoRoot, 'test-results');
export const screenshotsDir = path.join(resultsDir, 'screenshots');
export const downloadsDir = path.join(resultsDir, 'downloads');

/** Debian's Chromium (apt-get install chromium); never a browser download. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = `Chromium not found at ${chromiumPath}: install it with \`apt-get install chromium\` or set CHROMIUM_PATH`;

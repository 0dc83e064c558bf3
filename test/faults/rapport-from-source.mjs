// The `rapport` command run from the TypeScript sources (tsx), whatever dist/ holds: the fault tests
// exercise the code of this checkout without a build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../../src/cli/main.ts', import.meta.url).href);
await main();

import Module from 'node:module';

/*
 * cdktf's entry point loads `archiver` (and its dozens of stream and zip modules) at start-up, for
 * one use: zipping a `TerraformAsset` directory (cdktf/lib/private/fs.js calls `archiver("zip", ...)`).
 * This app has no assets, yet loading archiver took about 65 ms of every synth, as long as loading
 * every provider module the stacks use (help/performance.md). `deferArchiver` hands cdktf a function
 * that loads the real archiver on its first call instead, so an asset still zips exactly as before.
 *
 * It must run before anything requires cdktf: main.ts imports this file first.
 */

/** The CommonJS loader's internal entry point every `require` goes through. */
interface ModuleLoader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/** Makes cdktf load `archiver` on first use instead of at start-up. Only the app (main.ts) calls it. */
export function deferArchiver(): void {
  const loader = Module as unknown as ModuleLoader;
  const load = loader._load;
  loader._load = function loadDeferringArchiver(request, parent, isMain) {
    if (request !== 'archiver') return load.call(this, request, parent, isMain);
    let archiver: ((...args: unknown[]) => unknown) | undefined;
    return (...args: unknown[]) => {
      archiver ??= load.call(loader, request, parent, false) as (...args: unknown[]) => unknown;
      return archiver(...args);
    };
  };
}

deferArchiver();

// `npm run build`: bundles the cdktf app (main.ts) into dist/main.js, and the bench scripts.
// `node scripts/build-app.mjs <folder>` writes them to another folder (a test does; it must sit
// inside the repository, so that the app finds node_modules).
//
// The app bundle holds cdktf, constructs and the provider modules too, not only this repository's
// code: one file to read and compile instead of about 260 modules to resolve (each a series of
// file-system lookups), which took about 80 ms off every synth (help/performance.md).
// Two things stay outside it, loaded from node_modules at run time:
// - archiver, which cdktf loads only to zip a TerraformAsset; stacks/defer-archiver.ts defers it;
// - cdktf/lib/private/fs.js, which zips an asset by running *its own file* as a child process
//   (`node ${__filename} ...`): inside the bundle that file would be dist/main.js, the app itself.
import { build } from 'esbuild';

/** Marks cdktf's private/fs.js external, by its package path, wherever cdktf imports it. */
const cdktfFsOutside = {
  name: 'cdktf-fs-outside-the-bundle',
  setup(pluginBuild) {
    // terraform-asset.js and terraform-module-asset.js import it as "./private/fs".
    pluginBuild.onResolve({ filter: /^\.\/private\/fs$/ }, (args) =>
      /[\\/]node_modules[\\/]cdktf[\\/]lib$/.test(args.resolveDir)
        ? { path: 'cdktf/lib/private/fs', external: true }
        : undefined,
    );
  },
};

const outdir = process.argv[2] ?? 'dist';
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', outbase: '.' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['main.ts'],
    outdir,
    external: ['archiver'],
    plugins: [cdktfFsOutside],
  }),
  // The bench scripts start processes and bundle the floor: they load nothing of cdktf's.
  build({
    ...common,
    entryPoints: ['scripts/bench.ts', 'scripts/bench-rss.ts'],
    outdir,
    external: ['cdktf', 'constructs', '@cdktf/*', 'esbuild'],
  }),
]);

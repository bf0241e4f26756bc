// Builds dist/ with tsc (`npm run build`), or with --if-stale only when a source changed since the last successful
// build, so `npm start` does not spend ~15 s compiling an unchanged tree. Writes nothing to stdout: under `npm start`
// stdout is the MCP channel.
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const inputs = ['src', 'tools', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest mtime below p; directories count too, so an added, removed or renamed file is a change. */
function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map((p) => newest(path.join(root, p))));
if (process.argv.includes('--if-stale') && built > changed && existsSync(path.join(root, 'dist', 'src', 'cli.js'))) process.exit(0);

const startedAt = Date.now() / 1000;
if (process.argv.includes('--if-stale')) process.stderr.write('storyline: sources changed, building dist/ with tsc...\n');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
// stdout of tsc (its error list) goes to stderr.
const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: ['ignore', 2, 2] });
if (r.status !== 0) {
  process.stderr.write('storyline: the build failed (see above); fix it or run `npm run build`.\n');
  process.exit(r.status ?? 1);
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
// Dated at the start of the build, so a source saved while tsc ran still counts as newer next time.
utimesSync(stamp, startedAt, startedAt);

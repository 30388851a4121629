/**
 * npm run sf -- <sf arguments>: the project's pinned sf CLI with auto-update, telemetry and version checks off.
 * Every argument goes to sf untouched, `--help` too: `npm run sf -- --help` and `npm run sf -- org list --help` are the
 * sf CLI's own help, so this script has no help or flags of its own.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './lib/project.ts';
import { sfEnv } from './lib/sfEnv.ts';

const sf = join(projectRoot, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
const result = spawnSync(process.execPath, [sf, ...process.argv.slice(2)], { stdio: 'inherit', env: sfEnv() });
process.exit(result.status ?? 1);

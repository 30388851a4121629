/**
 * npm run sf -- <sf arguments>: the project's pinned sf CLI with auto-update, telemetry and version checks off.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './lib/project.ts';
import { sfEnv } from './lib/sfEnv.ts';

const sf = join(projectRoot, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
const result = spawnSync(process.execPath, [sf, ...process.argv.slice(2)], { stdio: 'inherit', env: sfEnv() });
process.exit(result.status ?? 1);

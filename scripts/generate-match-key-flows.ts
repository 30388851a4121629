/**
 * npm run generate-match-key-flows
 *
 * Writes force-app's Account_Match_Keys and Contact_Match_Keys flows from matchKeys' key definitions (see
 * scripts/lib/matchKeyFlows.ts). Run it after changing MATCH_KEY_DEFINITIONS; a test fails while they differ.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { defineCommand, parseFlags, ScriptError } from './lib/cli.ts';
import { flowPath, matchKeyFlowXml, MATCH_KEY_OBJECTS } from './lib/matchKeyFlows.ts';
import { projectRoot } from './lib/project.ts';

const command = defineCommand({
    run: 'npm run generate-match-key-flows',
    summary: "Write force-app's Account_Match_Keys and Contact_Match_Keys flows from the match-key definitions.",
    description:
        'Run it after changing MATCH_KEY_DEFINITIONS (scripts/lib/matchKeyFlows.ts); a test fails while the flows\n' +
        'and the definitions differ.',
    flags: {},
    examples: [{ summary: 'Regenerate both flows:', args: '' }]
});

try {
    parseFlags(command, process.argv.slice(2));
} catch (error) {
    process.stderr.write(`Error (${(error as ScriptError).name}): ${(error as Error).message}\n`);
    process.exit(1);
}

for (const object of MATCH_KEY_OBJECTS) {
    writeFileSync(flowPath(object), await matchKeyFlowXml(object));
    process.stdout.write(`wrote ${relative(projectRoot, flowPath(object))}\n`);
}

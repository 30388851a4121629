/**
 * npm run generate-match-key-flows
 *
 * Writes force-app's Account_Match_Keys and Contact_Match_Keys flows from matchKeys' key definitions (see
 * scripts/lib/matchKeyFlows.ts). Run it after changing MATCH_KEY_DEFINITIONS; a test fails while they differ.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { flowPath, matchKeyFlowXml, MATCH_KEY_OBJECTS } from './lib/matchKeyFlows.ts';
import { projectRoot } from './lib/project.ts';

for (const object of MATCH_KEY_OBJECTS) {
    writeFileSync(flowPath(object), await matchKeyFlowXml(object));
    process.stdout.write(`wrote ${relative(projectRoot, flowPath(object))}\n`);
}

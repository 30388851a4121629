/**
 * QuickAction: stored as deployed (the preview reads them back with retrieve), after the check a real org makes on
 * a flow action: `flowDefinition` names the flow it runs ("If the custom action invokes a flow, this field represents
 * the API name of the flow", Metadata API Developer Guide, "QuickAction"), and a flow action runs a screen flow
 * (Salesforce Help, "Create a Flow Action": only screen flows can be chosen). The wording of the refusals is
 * local-org's.
 */
import type { StoredFlow } from '../flows/deployFlow.ts';
import { isScreenFlowXml } from '../flows/screenFlow.ts';
import type { Staging } from './objects.ts';
import { ComponentProblem } from './problem.ts';
import { readMetadata } from './stored.ts';
import { parseXml, text, type XmlNode } from './xml.ts';

export function checkQuickAction(staging: Staging, fullName: string, xml: string): void {
    const action = parseXml(xml).QuickAction as XmlNode | undefined;
    if (text(action, 'type') !== 'Flow') return;
    const flowName = text(action, 'flowDefinition');
    if (!flowName) throw new ComponentProblem(`Quick action ${fullName}: a Flow action needs a flowDefinition`);
    const flow = readMetadata<StoredFlow>(staging.db, 'Flow', flowName);
    if (!flow) throw new ComponentProblem(`Quick action ${fullName}: the flow ${flowName} does not exist in this org`);
    if (!isScreenFlowXml(flow.xml))
        throw new ComponentProblem(`Quick action ${fullName}: the flow ${flowName} is not a screen flow`);
}

/**
 * LightningComponentBundle: stored as deployed (the preview renders it), after the checks a real org makes on the
 * bundle's `<name>.js-meta.xml` that local-org can make.
 *
 * `<objects>` inside a `<targetConfig>`: "This tag set works only inside a parent targetConfig that's configured for
 * lightning__RecordPage" (LWC Developer Guide, "XML Configuration File Elements"; the lightning__RecordAction target
 * page lists only actionType and supportedFormFactors). Salesforce's exact wording for the refusal was not found, so
 * the message is local-org's. An unknown object is refused as a real org words it (forcedotcom issues:
 * "Invalid reference Product__c of type sobjectClass in file bikeCard.js-meta.xml").
 */
import { XMLParser } from 'fast-xml-parser';
import { ComponentProblem } from './problem.ts';
import type { Staging } from './objects.ts';

const OBJECTS_TARGETS = new Set(['lightning__RecordPage']);

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (name) => ['targetConfig', 'object'].includes(name)
});

type TargetConfig = { targets?: string; objects?: { object?: string[] } };

function targetConfigs(metaXml: string): TargetConfig[] {
    const root = parser.parse(metaXml) as {
        LightningComponentBundle?: { targetConfigs?: { targetConfig?: TargetConfig[] } };
    };
    return root.LightningComponentBundle?.targetConfigs?.targetConfig ?? [];
}

export function checkLightningComponentBundle(staging: Staging, bundle: string, files: Record<string, string>): void {
    const metaFile = `${bundle}.js-meta.xml`;
    const metaXml = files[metaFile];
    if (metaXml === undefined) return;
    for (const config of targetConfigs(metaXml)) {
        if (config.objects === undefined) continue;
        const targets = (config.targets ?? '').split(',').map((target) => target.trim());
        const refused = targets.filter((target) => !OBJECTS_TARGETS.has(target));
        if (refused.length > 0)
            throw new ComponentProblem(
                `The objects tag is supported only in a targetConfig for lightning__RecordPage, not for ${refused.join(', ')} (${metaFile})`
            );
        for (const object of config.objects.object ?? []) {
            if (!staging.objects.has(object.toLowerCase()))
                throw new ComponentProblem(`Invalid reference ${object} of type sobjectClass in file ${metaFile}`);
        }
    }
}

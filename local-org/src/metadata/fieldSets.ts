/**
 * FieldSet components (`objects/<Object>/fieldSets/<Name>.fieldSet-meta.xml`): stored as deployed, after checking
 * that each field they list exists on the object, as a deploy to Salesforce does. local-org reads one of them:
 * Case's `Web_To_Case_Fields`, the custom fields a Web-to-Case post may fill (see ../webToCase.ts).
 */
import { stagedObject, type Applied, type Staging } from './objects.ts';
import { ComponentProblem } from './problem.ts';
import { storeMetadata } from './stored.ts';
import { list, text, type XmlNode } from './xml.ts';

/** The field names a field set lists (`displayedFields` and `availableFields`). */
export function fieldSetFields(node: XmlNode | undefined): string[] {
    return ['displayedFields', 'availableFields'].flatMap((key) =>
        list(node, key).map((entry) => text(entry, 'field') ?? '')
    );
}

export function applyFieldSet(staging: Staging, objectName: string, node: XmlNode): Applied {
    const object = stagedObject(staging, objectName);
    for (const name of fieldSetFields(node)) {
        // A path through a relationship (Account.Name) is the related object's field; only the object's own are checked.
        if (name.includes('.')) continue;
        if (!object.fields.some((field) => field.name.toLowerCase() === name.toLowerCase())) {
            throw new ComponentProblem(`Field ${name} does not exist on ${object.name}`);
        }
    }
    const fullName = `${object.name}.${text(node, 'fullName') ?? ''}`;
    return { created: storeMetadata(staging.db, 'FieldSet', fullName, node), changed: true };
}

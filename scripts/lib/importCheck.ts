/**
 * Checks that every `@salesforce/schema/...` and `@salesforce/label/...` import in the components names metadata
 * that exists: a field in force-app or on the standard list, a Custom Label in force-app. On the platform a wrong
 * import fails the deploy or breaks the component; under jest it silently becomes a string, so check it here.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { STANDARD_FIELDS, STANDARD_RELATIONSHIPS } from './standardSchema.ts';

export type ImportProblem = { file: string; specifier: string; problem: string };

const IMPORT = /from\s+['"](@salesforce\/(?:schema|label)\/[^'"]+)['"]/g;

export function checkImports(forceAppDir: string): ImportProblem[] {
    const metadataDir = join(forceAppDir, 'main', 'default');
    const labels = customLabelNames(metadataDir);
    const problems: ImportProblem[] = [];
    for (const file of componentSources(join(metadataDir, 'lwc'))) {
        const source = readFileSync(file, 'utf8');
        for (const match of source.matchAll(IMPORT)) {
            const specifier = match[1];
            const problem = specifier.startsWith('@salesforce/label/')
                ? checkLabel(specifier.slice('@salesforce/label/'.length), labels)
                : checkSchema(specifier.slice('@salesforce/schema/'.length), metadataDir);
            if (problem) {
                problems.push({ file: relative(forceAppDir, file), specifier, problem });
            }
        }
    }
    return problems;
}

function componentSources(lwcDir: string): string[] {
    if (!existsSync(lwcDir)) {
        return [];
    }
    return readdirSync(lwcDir, { recursive: true, encoding: 'utf8' })
        .filter((path) => path.endsWith('.js') && !path.split(/[\\/]/).includes('__tests__'))
        .map((path) => join(lwcDir, path));
}

function customLabelNames(metadataDir: string): Set<string> {
    const dir = join(metadataDir, 'labels');
    const names = new Set<string>();
    if (!existsSync(dir)) {
        return names;
    }
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.labels-meta.xml'))) {
        const xml = readFileSync(join(dir, file), 'utf8');
        for (const match of xml.matchAll(/<labels>\s*<fullName>([^<]+)<\/fullName>/g)) {
            names.add(match[1]);
        }
    }
    return names;
}

function checkLabel(name: string, labels: Set<string>): string | undefined {
    if (!name.startsWith('c.')) {
        return 'labels are imported as @salesforce/label/c.<Name>';
    }
    return labels.has(name.slice(2)) ? undefined : `no Custom Label named ${name.slice(2)} in force-app`;
}

function checkSchema(path: string, metadataDir: string): string | undefined {
    const [objectName, ...fieldPath] = path.split('.');
    if (!objectExists(objectName, metadataDir)) {
        return `unknown object ${objectName}`;
    }
    let current = objectName;
    for (const [index, part] of fieldPath.entries()) {
        const last = index === fieldPath.length - 1;
        if (last) {
            return fieldExists(current, part, metadataDir) ? undefined : `no field ${current}.${part}`;
        }
        const target = relationshipTarget(current, part, metadataDir);
        if (!target) {
            return `no relationship ${current}.${part}`;
        }
        current = target;
    }
    return undefined;
}

function objectExists(name: string, metadataDir: string): boolean {
    return name in STANDARD_FIELDS || existsSync(join(metadataDir, 'objects', name, `${name}.object-meta.xml`));
}

function customFieldXml(objectName: string, field: string, metadataDir: string): string | undefined {
    const file = join(metadataDir, 'objects', objectName, 'fields', `${field}.field-meta.xml`);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function fieldExists(objectName: string, field: string, metadataDir: string): boolean {
    return (
        STANDARD_FIELDS[objectName]?.includes(field) === true ||
        customFieldXml(objectName, field, metadataDir) !== undefined
    );
}

function relationshipTarget(objectName: string, relationship: string, metadataDir: string): string | undefined {
    if (relationship.endsWith('__r')) {
        const xml = customFieldXml(objectName, relationship.replace(/__r$/, '__c'), metadataDir);
        return xml ? /<referenceTo>([^<]+)<\/referenceTo>/.exec(xml)?.[1] : undefined;
    }
    return STANDARD_RELATIONSHIPS[objectName]?.[relationship];
}

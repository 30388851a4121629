/**
 * Builds what `npm run deploy` sends: force-app as it is, except that each standard value set becomes the union of
 * the target org's current values and ours (see standardValueSets.ts).
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import type { Connection } from '@salesforce/core';
import { ComponentSet, ComponentStatus, type FileResponse } from '@salesforce/source-deploy-retrieve';
import { mergeStandardValueSetXml, parseStandardValueSet } from './standardValueSets.ts';

const VALUE_SET_SUFFIX = '.standardValueSet-meta.xml';
const VALUE_SETS_DIR = join('force-app', 'main', 'default', 'standardValueSets');

export type StagedProject = {
    /** Root of the staged copy: sfdx-project.json, .forceignore and force-app. */
    root: string;
    /** Value set name → values the merge added to the org's list. */
    merged: Record<string, string[]>;
    dispose(): Promise<void>;
};

/** Names of the standard value sets force-app ships (CaseStatus, CaseType, ...). */
export async function standardValueSetNames(projectRoot: string): Promise<string[]> {
    const dir = join(projectRoot, VALUE_SETS_DIR);
    if (!existsSync(dir)) {
        return [];
    }
    const files = await readdir(dir);
    return files.filter((file) => file.endsWith(VALUE_SET_SUFFIX)).map((file) => basename(file, VALUE_SET_SUFFIX));
}

/**
 * Copies the project to a temporary directory and rewrites its standard value sets as unions with the org's.
 * @param orgValueSets value set name → the org's current XML (absent: the org has none, ours is used as is)
 */
export async function stageProject(projectRoot: string, orgValueSets: Map<string, string>): Promise<StagedProject> {
    const root = await mkdtemp(join(tmpdir(), 'caseline-deploy-'));
    for (const entry of ['sfdx-project.json', '.forceignore', 'force-app']) {
        await cp(join(projectRoot, entry), join(root, entry), { recursive: true });
    }
    const merged: Record<string, string[]> = {};
    for (const name of await standardValueSetNames(projectRoot)) {
        const file = join(root, VALUE_SETS_DIR, `${name}${VALUE_SET_SUFFIX}`);
        const ours = await readFile(file, 'utf8');
        const theirs = orgValueSets.get(name);
        const result = mergeStandardValueSetXml(ours, theirs);
        merged[name] = addedValues(result, theirs);
        await writeFile(file, result);
    }
    return { root, merged, dispose: () => rm(root, { recursive: true, force: true }) };
}

function addedValues(mergedXml: string, theirsXml: string | undefined): string[] {
    const names = (xml: string) => parseStandardValueSet(xml).standardValue.map((value) => value.fullName);
    const existing = new Set(theirsXml ? names(theirsXml).map((name) => name.toLowerCase()) : []);
    return names(mergedXml).filter((name) => !existing.has(name.toLowerCase()));
}

/** Retrieves the org's current copies of the given standard value sets. */
export async function retrieveStandardValueSets(connection: Connection, names: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    if (names.length === 0) {
        return result;
    }
    const output = await mkdtemp(join(tmpdir(), 'caseline-retrieve-'));
    try {
        const set = new ComponentSet(names.map((fullName) => ({ fullName, type: 'StandardValueSet' })));
        const retrieve = await set.retrieve({ usernameOrConnection: connection, output, merge: false });
        const retrieved = await retrieve.pollStatus();
        for (const file of retrieved.getFileResponses()) {
            if (file.state !== ComponentStatus.Failed && file.filePath?.endsWith(VALUE_SET_SUFFIX)) {
                result.set(file.fullName, await readFile(file.filePath, 'utf8'));
            }
        }
        return result;
    } finally {
        await rm(output, { recursive: true, force: true });
    }
}

/**
 * Contract Status goes in a deploy of its own, after the main one: its Metadata API deploys have a history of
 * trouble on real orgs (texei-sfdx-plugin shipped `contractstatus:value:add`, which adds values through Setup, now
 * deprecated with "Use Metadata API instead"), and with rollbackOnError one failure would undo the whole release.
 * After, not before: nothing else in force-app uses its values, and a release that fails leaves the org-wide list
 * untouched.
 */
export const SEPARATE_VALUE_SETS = ['ContractStatus'];

/** Moves a staged value set out of the staged force-app; returns where it now is, or undefined if not shipped. */
export async function setAsideValueSet(stagedRoot: string, name: string): Promise<string | undefined> {
    const from = join(stagedRoot, VALUE_SETS_DIR, `${name}${VALUE_SET_SUFFIX}`);
    if (!existsSync(from)) return undefined;
    const dir = join(stagedRoot, 'separate', name, 'standardValueSets');
    await mkdir(dir, { recursive: true });
    const to = join(dir, `${name}${VALUE_SET_SUFFIX}`);
    await rename(from, to);
    return to;
}

/** Contract status categories as Setup names them, by the groupingString the Metadata API uses. */
const STATUS_CATEGORIES: Record<string, string> = {
    Draft: 'Draft',
    InApproval: 'In Approval Process',
    Activated: 'Activated'
};

export type ValueToAdd = { value: string; label: string; category?: string };

/** The given values of a value set file with their labels and status categories, for adding them by hand. */
export function valuesToAdd(valueSetXml: string, names: string[]): ValueToAdd[] {
    const wanted = new Set(names.map((name) => name.toLowerCase()));
    return parseStandardValueSet(valueSetXml)
        .standardValue.filter((value) => wanted.has(value.fullName.toLowerCase()))
        .map((value) => ({
            value: value.fullName,
            label: value.label ?? value.fullName,
            ...(value.groupingString
                ? { category: STATUS_CATEGORIES[value.groupingString] ?? value.groupingString }
                : {})
        }));
}

export type ComponentFailure = { type: string; name: string; problem: string; file: string };

/** Component failures with file paths pointing back into the repository rather than the staged copy. */
export function componentFailures(files: FileResponse[], stagedRoot: string): ComponentFailure[] {
    return files.flatMap((file) =>
        file.state === ComponentStatus.Failed
            ? [
                  {
                      type: file.type,
                      name: file.fullName,
                      problem: file.lineNumber ? `${file.error} (line ${file.lineNumber})` : file.error,
                      file: file.filePath ? relative(stagedRoot, file.filePath) : ''
                  }
              ]
            : []
    );
}

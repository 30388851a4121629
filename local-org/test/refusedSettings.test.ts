/**
 * Nothing stored is silently ignored (issue 19): a setting local-org does not apply is refused by name, at deploy
 * and in SOQL, instead of being accepted and having no effect.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deployPackage, type DeployOutcome } from '../src/metadata/deploy.ts';
import { startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
before(async () => {
    t = await startTestOrg();
});
after(async () => {
    await t.close();
});

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const PACKAGE = `<?xml version="1.0" encoding="UTF-8"?><Package ${NS}><version>66.0</version></Package>`;

function deploy(files: Record<string, string>): Promise<DeployOutcome> {
    const map = new Map(Object.entries({ 'package.xml': PACKAGE, ...files }).map(([k, v]) => [k, Buffer.from(v)]));
    return deployPackage(t.org, t.admin.id, map, { checkOnly: false, rollbackOnError: true });
}

function permissionSet(name: string, body: string): Record<string, string> {
    return {
        [`permissionsets/${name}.permissionset`]: `<?xml version="1.0" encoding="UTF-8"?><PermissionSet ${NS}><label>${name}</label>${body}</PermissionSet>`
    };
}

function problems(outcome: DeployOutcome): string[] {
    return outcome.failures.map((f) => `${f.componentType} ${f.fullName}: ${f.problem}`);
}

describe('PermissionSet settings local-org does not apply', () => {
    test('classAccesses (Apex class access) is refused by name: local-org runs no Apex', async () => {
        const outcome = await deploy(
            permissionSet(
                'Refused_Class_Access',
                '<classAccesses><apexClass>CaseService</apexClass><enabled>true</enabled></classAccesses>'
            )
        );
        assert.equal(outcome.success, false);
        assert.deepEqual(problems(outcome), [
            'PermissionSet Refused_Class_Access: PermissionSet.classAccesses is not supported by local-org'
        ]);
    });

    test('a user permission local-org does not enforce is refused by its name', async () => {
        const outcome = await deploy(
            permissionSet(
                'Refused_User_Permission',
                '<userPermissions><enabled>true</enabled><name>ManageUsers</name></userPermissions>'
            )
        );
        assert.equal(outcome.success, false);
        assert.equal(outcome.failures.length, 1);
        assert.match(
            outcome.failures[0].problem ?? '',
            /^The user permission ManageUsers is not supported by local-org \(it enforces ActivateContract, ApiEnabled, CustomizeApplication, EditTask, ModifyAllData, ViewAllData\)$/
        );
    });

    test('hasActivationRequired true (session-based activation) is refused; false, the default, deploys', async () => {
        const refused = await deploy(
            permissionSet('Refused_Activation', '<hasActivationRequired>true</hasActivationRequired>')
        );
        assert.deepEqual(problems(refused), [
            'PermissionSet Refused_Activation: PermissionSet.hasActivationRequired = true is not supported by local-org (it behaves as false)'
        ]);
        const accepted = await deploy(
            permissionSet('Accepted_Activation', '<hasActivationRequired>false</hasActivationRequired>')
        );
        assert.deepEqual(problems(accepted), []);
    });

    test('the user permissions local-org enforces still deploy', async () => {
        const outcome = await deploy(
            permissionSet(
                'Enforced_User_Permissions',
                '<userPermissions><enabled>true</enabled><name>EditTask</name></userPermissions>' +
                    '<userPermissions><enabled>true</enabled><name>ActivateContract</name></userPermissions>'
            )
        );
        assert.deepEqual(problems(outcome), []);
    });
});

describe('Profile and CustomObject settings local-org does not apply', () => {
    test('Profile layoutAssignments is refused by name', async () => {
        const outcome = await deploy({
            'profiles/Standard.profile': `<?xml version="1.0" encoding="UTF-8"?><Profile ${NS}><layoutAssignments><layout>Account-Account Layout</layout></layoutAssignments></Profile>`
        });
        assert.deepEqual(problems(outcome), [
            'Profile Standard: Profile.layoutAssignments is not supported by local-org'
        ]);
    });

    test('deploymentStatus takes InDevelopment and Deployed (inDevelopment.test.ts); another value is refused', async () => {
        const object = (status: string) => ({
            'objects/Status_Probe__c.object': `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}><deploymentStatus>${status}</deploymentStatus><label>Probe</label><pluralLabel>Probes</pluralLabel><nameField><label>Name</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel></CustomObject>`
        });
        assert.deepEqual(problems(await deploy(object('Hidden'))), [
            "CustomObject Status_Probe__c: 'Hidden' is not a valid value for the enum 'DeploymentStatus'"
        ]);
        assert.deepEqual(problems(await deploy(object('Deployed'))), []);
    });
});

describe('CustomField settings local-org does not apply', () => {
    test('a dependent picklist (valueSet.controllingField, valueSettings) is refused by name, not stored and ignored', async () => {
        const object = `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}><fields><fullName>Refused_Dependent__c</fullName><label>Dependent</label><type>Picklist</type>
<valueSet><controllingField>Type</controllingField><restricted>true</restricted><valueSetDefinition><sorted>false</sorted>
<value><fullName>Roof</fullName><default>false</default><label>Roof</label></value></valueSetDefinition>
<valueSettings><controllingFieldValue>Problem</controllingFieldValue><valueName>Roof</valueName></valueSettings></valueSet></fields></CustomObject>`;
        const outcome = await deploy({ 'objects/Case.object': object });
        assert.equal(outcome.success, false);
        assert.deepEqual(problems(outcome), [
            'CustomField Case.Refused_Dependent__c: Dependent picklists (valueSet.controllingField Type) are not supported by local-org'
        ]);
    });
});

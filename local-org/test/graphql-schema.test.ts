/**
 * The generated GraphQL schema against Salesforce's: the shared types (value types, operator inputs, PageInfo,
 * ObjectInfo, ordering) are defined exactly as shared-schema.graphqls in
 * @salesforce/webapp-template-feature-graphql-experimental, and every gql document in force-app's components
 * validates against the schema of an org with force-app deployed, so a typo in a component's query fails here.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildASTSchema, parse, printType, type GraphQLSchema } from 'graphql';
import { projectRoot } from '../../scripts/lib/project.ts';
import { checkDocument } from '../src/graphql/index.ts';
import { schemaFor } from '../src/graphql/schemaGen.ts';
import { assignPermissionSet, deployForceApp } from './support/graphql.ts';
import { startTestOrg, type TestOrg } from './support/testOrg.ts';

const SHARED_SCHEMA = createRequire(import.meta.url).resolve(
    '@salesforce/webapp-template-feature-graphql-experimental/skills/implementing-graphql-data-access/docs/shared-schema.graphqls'
);

/** Shared definitions local-org does not offer, each for a stated reason (see src/graphql/shared.ts). */
const NOT_OFFERED = new Set([
    // uiapi { aggregate } is not implemented.
    ...['GroupByFunction', 'AggregateOrderByNumberFunction', 'AggregateOrderByStringFunction', 'GroupByType'],
    ...['ResultsOrder', 'NullsOrder', 'GroupByClause', 'GroupByDateFunction', 'NoFunctionAggregateOrderByClause'],
    ...['AggregateOrderByNumberClause', 'AggregateOrderByStringClause', 'AnyType', 'DateFunctionAggregation'],
    ...['DateOnlyAggregation', 'SObject__FieldType', 'SObject__Field', 'IgnoreRule'],
    ...['BooleanAggregate', 'CurrencyAggregate', 'DateAggregate', 'DateTimeAggregate', 'DoubleAggregate'],
    ...['EmailAggregate', 'IDAggregate', 'IntAggregate', 'LatitudeAggregate', 'LongitudeAggregate', 'LongAggregate'],
    ...['PercentAggregate', 'PhoneNumberAggregate', 'PicklistAggregate', 'StringAggregate', 'TextAreaAggregate'],
    ...['TimeAggregate', 'UrlAggregate'],
    // No geolocation fields.
    ...['Unit', 'OrderByGeolocationClause', 'DistanceInput', 'GeolocationInput', 'GeolocationOperators'],
    // Generic templates: each object gets its own types instead.
    ...['CompoundField', 'RecordScope']
]);

let t: TestOrg;
before(async () => {
    t = await startTestOrg();
});
after(() => t.close());

describe('shared types', () => {
    test('are defined exactly as in shared-schema.graphqls', () => {
        // The file's `enum RecordScope @generic {}` has no values, which GraphQL's grammar does not allow.
        const text = readFileSync(SHARED_SCHEMA, 'utf8').replace(/enum RecordScope @generic \{\s*\}/, '');
        const theirs = buildASTSchema(parse(text), { assumeValidSDL: true });
        const ours: GraphQLSchema = schemaFor(t.org.context(t.admin.id, '66.0')).schema;
        const names = Object.keys(theirs.getTypeMap()).filter((name) => !name.startsWith('__'));
        assert.ok(names.length > 100, 'the shared schema was read');
        const compared: string[] = [];
        for (const name of names) {
            const our = ours.getType(name);
            if (NOT_OFFERED.has(name)) {
                assert.equal(our, undefined, `${name} is listed as not offered but is in the schema`);
                continue;
            }
            assert.ok(our, `${name} is missing from the generated schema`);
            assert.equal(printType(our), printType(theirs.getType(name)!), `${name} differs`);
            compared.push(name);
        }
        for (const name of ['StringValue', 'PicklistValue', 'PageInfo', 'ObjectInfo', 'OrderByClause', 'DateInput'])
            assert.ok(compared.includes(name), name);
    });
});

/** The gql`...` documents in a component module; an interpolated one cannot be checked and is reported. */
function gqlDocuments(file: string): { file: string; text: string }[] {
    const source = readFileSync(file, 'utf8');
    return [...source.matchAll(/\bgql\s*`([^`]*)`/g)].map((match) => ({ file, text: match[1] }));
}

function componentFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) return entry === '__tests__' ? [] : componentFiles(path);
        return path.endsWith('.js') ? [path] : [];
    });
}

/** Problems of every document in the files, as `file: message`. */
function check(files: string[], userId: string): string[] {
    const ctx = t.org.context(userId, '66.0');
    return files.flatMap((file) =>
        gqlDocuments(file).flatMap(({ text }) => {
            const where = relative(projectRoot, file);
            if (text.includes('${')) return [`${where}: an interpolated gql document cannot be checked`];
            const checked = checkDocument(ctx, text);
            return 'errors' in checked ? checked.errors.map((e) => `${where}: ${e.message}`) : [];
        })
    );
}

describe('gql documents', () => {
    const reviewQuery = '{ uiapi { query { Case { edges { node { Last_Review_Comments__c { value } } } } } } }';
    let beforeDeploy: ReturnType<typeof checkDocument>;
    before(async () => {
        beforeDeploy = checkDocument(t.org.context(t.admin.id, '66.0'), reviewQuery);
        await deployForceApp(t);
        await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    });

    test('the schema follows deploys: a deployed custom field becomes queryable', () => {
        assert.ok('errors' in beforeDeploy && /Last_Review_Comments__c/.test(beforeDeploy.errors[0].message));
        assert.ok(!('errors' in checkDocument(t.org.context(t.agent.id, '66.0'), reviewQuery)));
    });

    test('every document in force-app validates against the schema an agent sees', () => {
        const files = componentFiles(join(projectRoot, 'force-app', 'main', 'default', 'lwc'));
        assert.deepEqual(check(files, t.agent.id), []);
    });

    test('the check accepts documented queries and mutations and rejects a misspelt field', () => {
        const fixtures = join(projectRoot, 'local-org', 'test', 'fixtures', 'graphql');
        assert.equal(gqlDocuments(join(fixtures, 'valid.js')).length, 2);
        assert.deepEqual(check([join(fixtures, 'valid.js')], t.agent.id), []);
        assert.deepEqual(check([join(fixtures, 'typo.js')], t.agent.id), [
            "local-org/test/fixtures/graphql/typo.js: Validation error (FieldUndefined@[uiapi/query/Case/edges/node/Subjct]) : Field 'Subjct' in type 'Case' is undefined"
        ]);
    });
});

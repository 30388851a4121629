import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import HEADING from '@salesforce/label/c.Open_Cases_Heading';
import HINT from '@salesforce/label/c.Open_Cases_Hint';
import NONE from '@salesforce/label/c.Open_Cases_None';
import LOADING from '@salesforce/label/c.Open_Cases_Loading';
import LOAD_FAILED from '@salesforce/label/c.Open_Cases_Load_Failed';

/**
 * @typedef {{ id: string, url: string, name: string, detail: string }} OpenCase
 */

// The account's cases that are not closed, newest first; the case being worked on (a web form) left out.
// `ne: null` matches every record ("Filtering", GraphQL API Developer Guide), so no exclusion needs no second query.
const OPEN_CASES_QUERY = gql`
    query OpenCases($accountId: ID, $excludeId: ID) {
        uiapi {
            query {
                Case(
                    where: {
                        and: [
                            { AccountId: { eq: $accountId } }
                            { IsClosed: { eq: false } }
                            { Id: { ne: $excludeId } }
                        ]
                    }
                    orderBy: { CreatedDate: { order: DESC } }
                    first: 50
                ) {
                    edges {
                        node {
                            Id
                            CaseNumber {
                                value
                            }
                            Subject {
                                value
                            }
                            Status {
                                displayValue
                            }
                        }
                    }
                }
            }
        }
    }
`;

/**
 * The open cases of an account, each a link to the case, so the agent checks that the issue has no open case
 * already before creating one (the service team's procedure). Shared by New Service Case and Conversion Process.
 */
export default class OpenCases extends LightningElement {
    /** @type {string | undefined} the account whose open cases are listed */
    @api accountId;
    /** @type {string | undefined} a case not to list (the web form being converted) */
    @api excludeId;

    label = { HEADING, HINT, NONE, LOADING, LOAD_FAILED };

    /** @type {OpenCase[]} */
    cases = [];
    isLoading = true;
    /** @type {any} */
    loadError;

    get variables() {
        return this.accountId ? { accountId: this.accountId, excludeId: this.excludeId ?? null } : undefined;
    }

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: OPEN_CASES_QUERY, variables: '$variables' })
    wiredCases({ data, errors }) {
        if (errors) {
            this.loadError = errors;
            this.isLoading = false;
            return;
        }
        if (!data) {
            return;
        }
        /** @type {any[]} */
        const edges = data.uiapi.query.Case?.edges ?? [];
        this.cases = edges.map(({ node }) => ({
            id: node.Id,
            url: `/lightning/r/Case/${node.Id}/view`,
            name: node.CaseNumber?.value ?? node.Id,
            detail: [node.Status?.displayValue, node.Subject?.value].filter(Boolean).join(' · ')
        }));
        this.loadError = undefined;
        this.isLoading = false;
    }

    get hasCases() {
        return this.cases.length > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.loadError && this.cases.length === 0;
    }
}

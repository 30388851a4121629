/**
 * A ScreenAction used only by the e2e tests: it exercises the preview's platform modules the way the project's
 * action components do (record wire, object info, page reference, user id, labels, toasts, refresh, close).
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { CurrentPageReference } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import CASE_OBJECT from '@salesforce/schema/Case';
import SUBJECT_FIELD from '@salesforce/schema/Case.Subject';
import RECORD_TYPE_NAME_FIELD from '@salesforce/schema/Case.RecordType.Name';
import USER_ID from '@salesforce/user/Id';
import DEFAULT_MESSAGE from '@salesforce/label/c.Error_Panel_Default_Message';

export default class E2eProbe extends LightningElement {
    @api recordId;
    @api objectApiName;

    userId = USER_ID;
    label = DEFAULT_MESSAGE;

    @wire(getRecord, { recordId: '$recordId', fields: [SUBJECT_FIELD, RECORD_TYPE_NAME_FIELD] })
    record;

    @wire(getObjectInfo, { objectApiName: CASE_OBJECT })
    objectInfo;

    @wire(CurrentPageReference)
    pageReference;

    @wire(graphql, {
        query: gql`
            query probeCase($id: ID) {
                uiapi {
                    query {
                        Case(where: { Id: { eq: $id } }) {
                            edges {
                                node {
                                    Id
                                    Subject {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
            }
        `,
        variables: '$caseVariables'
    })
    caseQuery;

    mutationResult = '';

    get caseVariables() {
        return { id: this.recordId };
    }

    get graphqlSubject() {
        if (this.caseQuery?.errors) return `errors: ${this.caseQuery.errors.map((e) => e.message).join('; ')}`;
        return this.caseQuery?.data?.uiapi.query.Case.edges[0]?.node.Subject.value ?? '';
    }

    async mutate() {
        const result = await executeMutation({
            query: gql`
                mutation probeUpdate($input: CaseUpdateInput!) {
                    uiapi {
                        CaseUpdate(input: $input) {
                            Record {
                                Id
                                Subject {
                                    value
                                }
                            }
                        }
                    }
                }
            `,
            variables: { input: { Id: this.recordId, Case: { Subject: 'Changed by a mutation' } } }
        });
        this.mutationResult = result.errors
            ? `errors: ${result.errors.map((e) => e.message).join('; ')}`
            : result.data.uiapi.CaseUpdate.Record.Subject.value;
    }

    requery() {
        // lightning/graphql refreshes through the wire result's refresh(); refreshGraphQL is lightning/uiGraphQLApi's.
        return this.caseQuery?.refresh?.();
    }

    get subject() {
        return this.record?.data ? getFieldValue(this.record.data, SUBJECT_FIELD) : '';
    }

    get recordTypeName() {
        return this.record?.data ? getFieldValue(this.record.data, RECORD_TYPE_NAME_FIELD) : '';
    }

    get objectLabel() {
        return this.objectInfo?.data?.label ?? '';
    }

    get pageRecordId() {
        return this.pageReference?.attributes?.recordId ?? '';
    }

    toast() {
        this.dispatchEvent(
            new ShowToastEvent({
                title: 'Probe saved',
                message: 'Open {0}',
                messageData: [{ url: `/lightning/r/Case/${this.recordId}/view`, label: 'the case' }],
                variant: 'success'
            })
        );
    }

    notify() {
        notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
    }

    refresh() {
        this.dispatchEvent(new RefreshEvent());
    }

    close() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }
}

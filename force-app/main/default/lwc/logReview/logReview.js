import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import USER_ID from '@salesforce/user/Id';
import REVIEW_COMMENTS_FIELD from '@salesforce/schema/Case.Last_Review_Comments__c';
import REVIEWED_BY_FIELD from '@salesforce/schema/Case.Last_Reviewed_By__c';
import REVIEWED_ON_FIELD from '@salesforce/schema/Case.Last_Reviewed_On__c';
import { REVIEW_MAX_LENGTH, reviewLength, reviewProblem, reviewTemplate } from 'c/caseReview';
import { formatLabel, labelForCount } from 'c/labelFormat';
import TITLE from '@salesforce/label/c.Log_Review_Title';
import HEADING_STATUS from '@salesforce/label/c.Log_Review_Heading_Status';
import HEADING_ACTIONS from '@salesforce/label/c.Log_Review_Heading_Actions';
import HEADING_OWNER from '@salesforce/label/c.Log_Review_Heading_Owner';
import COMMENTS_LABEL from '@salesforce/label/c.Log_Review_Comments_Label';
import START_FROM from '@salesforce/label/c.Log_Review_Start_From';
import START_TEMPLATE from '@salesforce/label/c.Log_Review_Start_Template';
import START_LATEST from '@salesforce/label/c.Log_Review_Start_Latest';
import LATEST_BY from '@salesforce/label/c.Log_Review_Latest_By';
import NO_LATEST from '@salesforce/label/c.Log_Review_No_Latest';
import COUNTER from '@salesforce/label/c.Log_Review_Counter';
import EMPTY from '@salesforce/label/c.Log_Review_Empty';
import TOO_LONG from '@salesforce/label/c.Log_Review_Too_Long';
import TOO_LONG_ONE from '@salesforce/label/c.Log_Review_Too_Long_One';
import SAVE from '@salesforce/label/c.Log_Review_Save';
import CANCEL from '@salesforce/label/c.Log_Review_Cancel';
import SAVED_TITLE from '@salesforce/label/c.Log_Review_Saved_Title';
import SAVED_MESSAGE from '@salesforce/label/c.Log_Review_Saved_Message';
import SAVE_FAILED from '@salesforce/label/c.Log_Review_Save_Failed';
import LOAD_FAILED from '@salesforce/label/c.Log_Review_Load_Failed';
import LOADING from '@salesforce/label/c.Log_Review_Loading';
import READ_ONLY from '@salesforce/label/c.Log_Review_Read_Only';
import NO_ACCESS from '@salesforce/label/c.Log_Review_No_Access';
import CLOSE from '@salesforce/label/c.Log_Review_Close';

/** @typedef {'template' | 'latest'} StartingPoint */
/** @typedef {{ value: string | null, displayValue?: string | null }} FieldValue */
/**
 * @typedef {{ Id: string, Last_Review_Comments__c?: FieldValue, Last_Reviewed_On__c?: FieldValue,
 *   Last_Reviewed_By__r?: { Name: FieldValue } | null }} ReviewedCase
 * @typedef {{ ApiName: string, updateable: boolean, fields: { ApiName: string, updateable: boolean }[] }} CaseInfo
 */

/** The fields a review writes: the user must be able to edit each of them to log one. */
const REVIEW_FIELDS = [REVIEW_COMMENTS_FIELD, REVIEWED_BY_FIELD, REVIEWED_ON_FIELD].map((field) => field.fieldApiName);

/** The answer's keys for the review fields (the reviewer through its relationship); @optional leaves out unreadable ones. */
const REVIEW_KEYS = [REVIEW_COMMENTS_FIELD.fieldApiName, REVIEWED_ON_FIELD.fieldApiName, 'Last_Reviewed_By__r'];

// Task is not a UI API object: this mutation only updates the case, and the Case_Review_Task flow creates the
// completed task in the same transaction (docs/ARCHITECTURE.md, "Why no Apex").
const LOG_REVIEW_MUTATION = gql`
    mutation LogCaseReview($input: CaseUpdateInput!) {
        uiapi {
            CaseUpdate(input: $input) {
                Record {
                    Id
                    Last_Review_Comments__c {
                        value
                    }
                    Last_Reviewed_On__c {
                        value
                    }
                }
            }
        }
    }
`;

/**
 * The Log Review quick action: the agent writes a review from the template or from the latest review and saves it
 * as the case's latest review in one mutation.
 */
// Case's access (updateable, per field) in the same request; objectInfoInputs as the project's other documents
// send it (apiNames is the form that never carries picklist values: GraphQL API Developer Guide, "Get Object Metadata").
const CASE_OBJECT_INFO_INPUTS = Object.freeze([{ apiName: 'Case' }]);

export default class LogReview extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = {
        TITLE,
        COMMENTS_LABEL,
        START_FROM,
        SAVE,
        CANCEL,
        NO_LATEST,
        LOADING,
        CLOSE
    };

    /** @type {string} */
    comments = '';
    /** @type {StartingPoint} */
    startingPoint = 'template';
    /** @type {boolean} whether the agent has typed, so loading the case does not overwrite their text */
    edited = false;
    isSaving = false;
    /** @type {any} */
    saveError;
    /** @type {any} */
    loadError;
    /** @type {ReviewedCase | undefined} */
    reviewedCase;
    /** @type {CaseInfo | undefined} */
    caseInfo;
    isLoading = true;

    /**
     * The case's latest review and what the user may do with it. The review fields are @optional, so a user who
     * may not read them gets the case without them (and is told so) rather than validation errors; the object info
     * says whether they may edit them (UI API's `updateable` joins object and field-level access).
     * The first answer fills the comments unless the agent has started typing.
     * @param {import('lightning/graphql').GraphQLResult<{ uiapi: { query: { Case: { edges: { node: ReviewedCase }[] } }, objectInfos: CaseInfo[] } }>} result
     */
    @wire(graphql, {
        query: gql`
            query LogReviewCase($caseId: ID, $objectInfoInputs: [ObjectInfoInput!]) {
                uiapi {
                    query {
                        Case(where: { Id: { eq: $caseId } }) {
                            edges {
                                node {
                                    Id
                                    Last_Review_Comments__c @optional {
                                        value
                                    }
                                    Last_Reviewed_On__c @optional {
                                        value
                                        displayValue
                                    }
                                    Last_Reviewed_By__r @optional {
                                        Name {
                                            value
                                        }
                                    }
                                }
                            }
                        }
                    }
                    objectInfos(objectInfoInputs: $objectInfoInputs) {
                        ApiName
                        updateable
                        fields {
                            ApiName
                            updateable
                        }
                    }
                }
            }
        `,
        variables: '$caseVariables'
    })
    wiredCase({ data, errors }) {
        if (errors) {
            this.loadError = errors;
            this.isLoading = false;
            return;
        }
        if (!data) {
            return;
        }
        this.isLoading = false;
        this.reviewedCase = data.uiapi.query.Case.edges[0]?.node;
        this.caseInfo = (data.uiapi.objectInfos ?? []).find((info) => info.ApiName === 'Case');
        // Deleted, or not shared with the user: nothing to review, and no message beyond the summary.
        this.loadError = this.reviewedCase ? undefined : [];
        if (!this.edited) {
            this.startingPoint = this.hasLatestReview ? 'latest' : 'template';
            this.comments = this.textFor(this.startingPoint);
        }
    }

    get caseVariables() {
        return { caseId: this.recordId, objectInfoInputs: CASE_OBJECT_INFO_INPUTS };
    }

    get isLoaded() {
        return !this.isLoading && !this.loadError && Boolean(this.reviewedCase);
    }

    /** Whether the user may read the review fields: a field they may not read is left out of the answer. */
    get canReadReview() {
        const node = this.reviewedCase;
        return Boolean(node) && REVIEW_KEYS.every((key) => key in /** @type {object} */ (node));
    }

    /** Whether the user may log a review: edit on Case and on each review field. */
    get canLogReview() {
        const info = this.caseInfo;
        return (
            this.canReadReview &&
            Boolean(info?.updateable) &&
            REVIEW_FIELDS.every((name) => info?.fields.some((field) => field.ApiName === name && field.updateable))
        );
    }

    get showsForm() {
        return this.isLoaded && this.canLogReview;
    }

    get showsReadOnly() {
        return this.isLoaded && this.canReadReview && !this.canLogReview;
    }

    get showsNoAccess() {
        return this.isLoaded && !this.canReadReview;
    }

    get readOnlyText() {
        return READ_ONLY;
    }

    get noAccessText() {
        return NO_ACCESS;
    }

    get latestReviewText() {
        return this.reviewedCase?.Last_Review_Comments__c?.value ?? '';
    }

    get hasLatestReview() {
        return Boolean(this.reviewedCase?.Last_Review_Comments__c?.value);
    }

    get latestReviewSummary() {
        const reviewer = this.reviewedCase?.Last_Reviewed_By__r?.Name?.value ?? '';
        const when = this.reviewedCase?.Last_Reviewed_On__c?.displayValue ?? '';
        return formatLabel(LATEST_BY, reviewer, when);
    }

    get startingPointOptions() {
        return [
            { label: START_LATEST, value: 'latest' },
            { label: START_TEMPLATE, value: 'template' }
        ];
    }

    get counterText() {
        return formatLabel(COUNTER, reviewLength(this.comments), REVIEW_MAX_LENGTH);
    }

    get problemText() {
        const problem = reviewProblem(this.comments);
        if (!problem) {
            return '';
        }
        if (problem.kind === 'empty') {
            return EMPTY;
        }
        return formatLabel(labelForCount(problem.excess, TOO_LONG_ONE, TOO_LONG), problem.excess, REVIEW_MAX_LENGTH);
    }

    get counterClass() {
        return reviewProblem(this.comments)?.kind === 'tooLong'
            ? 'counter slds-text-color_error'
            : 'counter slds-text-color_weak';
    }

    get isSaveDisabled() {
        return !this.showsForm || this.isSaving || reviewProblem(this.comments) !== null;
    }

    get saveFailedMessage() {
        return SAVE_FAILED;
    }

    get loadFailedMessage() {
        return LOAD_FAILED;
    }

    /**
     * @param {StartingPoint} startingPoint
     * @returns {string}
     */
    textFor(startingPoint) {
        if (startingPoint === 'latest' && this.hasLatestReview) {
            return this.latestReviewText;
        }
        return reviewTemplate([HEADING_STATUS, HEADING_ACTIONS, HEADING_OWNER]);
    }

    /** @param {CustomEvent<{ value: StartingPoint }>} event */
    handleStartingPointChange(event) {
        this.startingPoint = event.detail.value;
        this.comments = this.textFor(this.startingPoint);
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleCommentsChange(event) {
        this.comments = event.detail.value ?? '';
        this.edited = true;
    }

    handleCancel() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    async handleSave() {
        if (this.isSaveDisabled) {
            return;
        }
        this.isSaving = true;
        this.saveError = undefined;
        try {
            const result = await executeMutation({
                query: LOG_REVIEW_MUTATION,
                operationName: 'LogCaseReview',
                variables: {
                    input: {
                        Id: this.recordId,
                        Case: {
                            [REVIEW_COMMENTS_FIELD.fieldApiName]: this.comments,
                            [REVIEWED_BY_FIELD.fieldApiName]: USER_ID,
                            [REVIEWED_ON_FIELD.fieldApiName]: new Date().toISOString()
                        }
                    }
                }
            });
            if (result.errors?.length) {
                this.saveError = result.errors;
                return;
            }
            await this.showSavedReview();
        } catch (error) {
            this.saveError = error;
        } finally {
            this.isSaving = false;
        }
    }

    /** LDS does not re-run queries after a mutation: the record page and its related lists are told explicitly. */
    async showSavedReview() {
        await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
        this.dispatchEvent(new RefreshEvent());
        this.dispatchEvent(new ShowToastEvent({ title: SAVED_TITLE, message: SAVED_MESSAGE, variant: 'success' }));
        this.dispatchEvent(new CloseActionScreenEvent());
    }
}

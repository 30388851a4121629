/**
 * What the intake says about the case's link and about what the user may do: who linked the case and on what
 * evidence, what Undo will do, and which actions the user's access leaves out. Pure functions of the component's
 * state, so each sentence is chosen in one place.
 *
 * Who linked a case is recorded only where an org tracks field history on Case's Account and Contact (CaseHistory,
 * Object Reference: read-only, queried through the SOAP/REST query API); Caseline turns no such tracking on and
 * the component does not read history, so it never names another linker. What it can know is the evidence:
 * whether the linked contact's email is the one submitted (Web-to-Case links a new case to the one contact with the
 * submitted email), and, for a link made in this component, that the agent made it and the matcher's reasons.
 */
import { formatLabel } from 'c/labelFormat';
import { normalizeEmail } from 'c/recordMatcher';
import LINKED_ACCOUNT from '@salesforce/label/c.Web_Form_Intake_Linked_Account';
import LINKED_CONTACT_SAME_EMAIL from '@salesforce/label/c.Web_Form_Intake_Linked_Contact_Same_Email';
import LINKED_CONTACT_OTHER_EMAIL from '@salesforce/label/c.Web_Form_Intake_Linked_Contact_Other_Email';
import LINKED_BY_YOU from '@salesforce/label/c.Web_Form_Intake_Linked_By_You';
import CREATED_BY_YOU from '@salesforce/label/c.Web_Form_Intake_Created_By_You';
import ACCOUNT_AND_CONTACT from '@salesforce/label/c.Web_Form_Intake_Account_And_Contact';
import THE_CONTACT from '@salesforce/label/c.Web_Form_Intake_The_Contact';
import UNDO from '@salesforce/label/c.Web_Form_Intake_Undo';
import UNDO_LINK_HINT from '@salesforce/label/c.Web_Form_Intake_Undo_Link_Hint';
import UNDO_DELETE_HINT from '@salesforce/label/c.Web_Form_Intake_Undo_Delete_Hint';
import UNDO_KEEP_HINT from '@salesforce/label/c.Web_Form_Intake_Undo_Keep_Hint';
import UNDO_DELETE from '@salesforce/label/c.Web_Form_Intake_Undo_Delete';
import UNDO_UNLINK from '@salesforce/label/c.Web_Form_Intake_Undo_Unlink';
import UNDONE_MESSAGE from '@salesforce/label/c.Web_Form_Intake_Undone_Message';
import UNDONE_DELETED_MESSAGE from '@salesforce/label/c.Web_Form_Intake_Undone_Deleted_Message';
import UNDONE_KEPT_MESSAGE from '@salesforce/label/c.Web_Form_Intake_Undone_Kept_Message';
import ACCESS_READ_ONLY from '@salesforce/label/c.Web_Form_Intake_Access_Read_Only';
import ACCESS_NO_SEARCH_READ_ONLY from '@salesforce/label/c.Web_Form_Intake_Access_No_Search_Read_Only';
import ACCESS_NO_SEARCH from '@salesforce/label/c.Web_Form_Intake_Access_No_Search';
import ACCESS_NO_CREATE from '@salesforce/label/c.Web_Form_Intake_Access_No_Create';
import ACCESS_UNKNOWN from '@salesforce/label/c.Web_Form_Intake_Access_Unknown';

/**
 * @typedef {import('./access').IntakeAccess} IntakeAccess
 * @typedef {{ AccountId: string | null, ContactId: string | null }} CaseLink
 * @typedef {{ accountId: string | null, accountName: string, contactId: string, contactName: string }} Created
 *   records created here: a prospect (account and contact) or a contact added to the case's account
 * @typedef {{ previous: CaseLink, current: CaseLink, name: string, evidence: string, created: Created | null }}
 *   LinkMade the last link made in this component, which Undo reverts
 * @typedef {{ AccountId: string | null, AccountName: string | null, ContactId: string | null,
 *   ContactName: string | null, ContactEmail: string | null, SuppliedEmail: string | null }} LinkedCase
 * @typedef {{ hint: string, buttonLabel: string, deletes: boolean, doneMessage: string }} UndoPlan
 */

/**
 * "the account ⟨A⟩ with its contact ⟨C⟩", or "the contact ⟨C⟩".
 * @param {Created} created
 * @returns {string}
 */
export function createdDescription(created) {
    return created.accountId
        ? formatLabel(ACCOUNT_AND_CONTACT, created.accountName, created.contactName)
        : formatLabel(THE_CONTACT, created.contactName);
}

/**
 * Whether the case is still linked as this component left it (a reload or another user may have changed it).
 * @param {LinkedCase} linked
 * @param {LinkMade | null} made
 */
function isLinkMadeHere(linked, made) {
    return (
        Boolean(made) && made?.current.AccountId === linked.AccountId && made?.current.ContactId === linked.ContactId
    );
}

/**
 * The sentence on the case's link: who made it and on what evidence, as far as the component can know.
 * @param {LinkedCase} linked
 * @param {LinkMade | null} made
 * @returns {string} '' when the case has no link
 */
export function linkNote(linked, made) {
    if (made && isLinkMadeHere(linked, made)) {
        return made.created
            ? formatLabel(CREATED_BY_YOU, createdDescription(made.created))
            : formatLabel(LINKED_BY_YOU, made.name, made.evidence);
    }
    if (linked.ContactId) {
        const contactEmail = normalizeEmail(linked.ContactEmail);
        const account = linked.AccountName ?? '';
        const name = linked.ContactName ?? '';
        return contactEmail !== '' && contactEmail === normalizeEmail(linked.SuppliedEmail)
            ? formatLabel(LINKED_CONTACT_SAME_EMAIL, name, account)
            : formatLabel(
                  LINKED_CONTACT_OTHER_EMAIL,
                  name,
                  account,
                  linked.ContactEmail ?? '—',
                  linked.SuppliedEmail ?? '—'
              );
    }
    return linked.AccountId ? formatLabel(LINKED_ACCOUNT, linked.AccountName ?? '') : '';
}

/**
 * What Undo does after the last link made here: put the links back, and delete what was created when the user
 * may delete it (the account only with the contact, since the contact was created under it).
 * @param {LinkMade} made
 * @param {IntakeAccess} access
 * @returns {UndoPlan}
 */
export function undoPlan(made, access) {
    const created = made.created;
    if (!created) {
        return { hint: UNDO_LINK_HINT, buttonLabel: UNDO, deletes: false, doneMessage: UNDONE_MESSAGE };
    }
    const description = createdDescription(created);
    const deletes = access.canDeleteContact && (!created.accountId || access.canDeleteAccount);
    return deletes
        ? {
              hint: formatLabel(UNDO_DELETE_HINT, description),
              buttonLabel: UNDO_DELETE,
              deletes,
              doneMessage: formatLabel(UNDONE_DELETED_MESSAGE, description)
          }
        : {
              hint: formatLabel(UNDO_KEEP_HINT, description),
              buttonLabel: UNDO_UNLINK,
              deletes,
              doneMessage: formatLabel(UNDONE_KEPT_MESSAGE, description)
          };
}

/**
 * One sentence on what the user's access leaves out, or '' when it leaves out nothing the case needs.
 * @param {IntakeAccess | undefined} access undefined: not known yet
 * @param {boolean} accessFailed the user's access could not be read
 * @param {boolean} createsHere whether the case needs a create (Add contact, or Create new prospect) the user may do
 * @returns {string}
 */
export function accessNote(access, accessFailed, createsHere) {
    if (accessFailed) {
        return ACCESS_UNKNOWN;
    }
    if (!access) {
        return '';
    }
    const canWrite = access.canLink;
    if (!access.canSearch) {
        return canWrite ? ACCESS_NO_SEARCH : ACCESS_NO_SEARCH_READ_ONLY;
    }
    if (!canWrite) {
        return ACCESS_READ_ONLY;
    }
    return createsHere ? '' : ACCESS_NO_CREATE;
}

/**
 * The matcher's reasons (English, for the tooling: `npm run match` prints them) in the user's language, from Custom
 * Labels. Shared by Web Form Intake's candidate list and its note on how a record was linked.
 */
import REASON_EMAIL from '@salesforce/label/c.Web_Form_Intake_Reason_Email';
import REASON_EMAIL_DOMAIN from '@salesforce/label/c.Web_Form_Intake_Reason_Email_Domain';
import REASON_LAST_NAME from '@salesforce/label/c.Web_Form_Intake_Reason_Last_Name';
import REASON_SIMILAR_LAST_NAME from '@salesforce/label/c.Web_Form_Intake_Reason_Similar_Last_Name';
import REASON_FIRST_NAME from '@salesforce/label/c.Web_Form_Intake_Reason_First_Name';
import REASON_SIMILAR_FIRST_NAME from '@salesforce/label/c.Web_Form_Intake_Reason_Similar_First_Name';
import REASON_FIRST_INITIAL from '@salesforce/label/c.Web_Form_Intake_Reason_First_Initial';
import REASON_NAMES_SWAPPED from '@salesforce/label/c.Web_Form_Intake_Reason_Names_Swapped';
import REASON_COMPANY_NAME from '@salesforce/label/c.Web_Form_Intake_Reason_Company_Name';
import REASON_COMPANY_ACRONYM from '@salesforce/label/c.Web_Form_Intake_Reason_Company_Acronym';
import REASON_COMPANY_CONTAINS from '@salesforce/label/c.Web_Form_Intake_Reason_Company_Contains';
import REASON_SIMILAR_COMPANY from '@salesforce/label/c.Web_Form_Intake_Reason_Similar_Company';
import REASON_COMPANY_WORDS from '@salesforce/label/c.Web_Form_Intake_Reason_Company_Words';
import REASON_PHONE from '@salesforce/label/c.Web_Form_Intake_Reason_Phone';
import REASON_PHONE_LOCAL from '@salesforce/label/c.Web_Form_Intake_Reason_Phone_Local';
import REASON_PHONE_AREA from '@salesforce/label/c.Web_Form_Intake_Reason_Phone_Area';
import REASON_PHONE_BLOCK from '@salesforce/label/c.Web_Form_Intake_Reason_Phone_Block';
import REASON_STREET_ADDRESS from '@salesforce/label/c.Web_Form_Intake_Reason_Street_Address';
import REASON_STREET from '@salesforce/label/c.Web_Form_Intake_Reason_Street';
import REASON_CITY from '@salesforce/label/c.Web_Form_Intake_Reason_City';
import REASON_POSTAL_CODE from '@salesforce/label/c.Web_Form_Intake_Reason_Postal_Code';
import REASON_POSTAL_SLIP from '@salesforce/label/c.Web_Form_Intake_Reason_Postal_Slip';
import REASON_PHONE_SUFFIX from '@salesforce/label/c.Web_Form_Intake_Reason_Phone_Suffix';
import REASON_PHONE_ELSEWHERE from '@salesforce/label/c.Web_Form_Intake_Reason_Phone_Elsewhere';
import REASON_DOMAIN_MATCHES from '@salesforce/label/c.Web_Form_Intake_Reason_Domain_Matches';
import REASON_WEBSITE_MATCHES from '@salesforce/label/c.Web_Form_Intake_Reason_Website_Matches';
import ADVICE_LINK from '@salesforce/label/c.Web_Form_Intake_Advice_Link';
import ADVICE_SUGGEST from '@salesforce/label/c.Web_Form_Intake_Advice_Suggest';
import ADVICE_NEW from '@salesforce/label/c.Web_Form_Intake_Advice_New';
import ADVICE_AMBIGUOUS from '@salesforce/label/c.Web_Form_Intake_Advice_Ambiguous';
import ADVICE_TOO_LITTLE from '@salesforce/label/c.Web_Form_Intake_Advice_Too_Little';
import ADVICE_ADDRESS_DIFFERS from '@salesforce/label/c.Web_Form_Intake_Advice_Address_Differs';

/** The matcher's reasons (English, for the tooling) and the Custom Labels the component shows for them. */
const REASON_LABELS = /** @type {Readonly<Record<string, string>>} */ ({
    'email matches': REASON_EMAIL,
    'same email domain': REASON_EMAIL_DOMAIN,
    'same last name': REASON_LAST_NAME,
    'similar last name': REASON_SIMILAR_LAST_NAME,
    'same first name': REASON_FIRST_NAME,
    'similar first name': REASON_SIMILAR_FIRST_NAME,
    'first initial matches': REASON_FIRST_INITIAL,
    'first and last names swapped': REASON_NAMES_SWAPPED,
    'same company name': REASON_COMPANY_NAME,
    'company name is an acronym of the other': REASON_COMPANY_ACRONYM,
    'company name contains the other': REASON_COMPANY_CONTAINS,
    'similar company name': REASON_SIMILAR_COMPANY,
    'company names share words': REASON_COMPANY_WORDS,
    'phone matches': REASON_PHONE,
    'phone matches without area code': REASON_PHONE_LOCAL,
    'same local phone number, different area code': REASON_PHONE_AREA,
    'phone number of the same block of lines': REASON_PHONE_BLOCK,
    'same street address': REASON_STREET_ADDRESS,
    'same street': REASON_STREET,
    'same city': REASON_CITY,
    'same postal code': REASON_POSTAL_CODE,
    'postal code differs by a slip': REASON_POSTAL_SLIP,
    'phone ends with the digits searched': REASON_PHONE_SUFFIX,
    'phone matches, at another address': REASON_PHONE_ELSEWHERE,
    'email domain matches': REASON_DOMAIN_MATCHES,
    'website domain matches': REASON_WEBSITE_MATCHES
});

/**
 * Why a suggestion is only a suggestion, by the matcher's `reasonCode`: the agent reads the cause (two records
 * share the evidence, too little agrees, another address), not only "none is certain".
 */
const SUGGEST_ADVICE = /** @type {Readonly<Record<string, string>>} */ ({
    ambiguous: ADVICE_AMBIGUOUS,
    'too-little': ADVICE_TOO_LITTLE,
    'address-differs': ADVICE_ADDRESS_DIFFERS
});

/**
 * The matcher's reasons in the user's language; a reason without a label is shown as the matcher words it.
 * @param {ReadonlyArray<string>} reasons
 * @returns {string}
 */
export function reasonsText(reasons) {
    return reasons.map((reason) => REASON_LABELS[reason] ?? reason).join(', ');
}

/**
 * The advice for a match: link, new, or a suggestion with its cause when the matcher names one.
 * @param {{ decision: 'link' | 'suggest' | 'new', reasonCode?: string }} match
 * @returns {string}
 */
export function adviceText(match) {
    if (match.decision === 'link') return ADVICE_LINK;
    if (match.decision === 'new') return ADVICE_NEW;
    return SUGGEST_ADVICE[match.reasonCode ?? ''] ?? ADVICE_SUGGEST;
}

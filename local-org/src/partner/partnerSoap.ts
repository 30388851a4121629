/**
 * `/services/Soap/u/NN.N`: the SOAP API's partner endpoint, as jsforce's `conn.soap` calls it (session in the
 * SessionHeader, body namespace `urn:partner.soap.sforce.com`, faults as HTTP 500 with `sf:<CODE>`). local-org
 * serves convertLead() only, the one call the project's tooling needs (lead conversion has no REST or UI API
 * resource); every other partner call is refused by name with a fault.
 */
import type { LocalOrg } from '../org.ts';
import { parseSoapCall, SoapFault } from '../metadata/soap.ts';
import { escapeXml, list } from '../metadata/xml.ts';
import { convertLead, type LeadConvertResult } from './convertLead.ts';

export const PARTNER_SOAP_PATH = /^\/services\/Soap\/u\/(\d+\.\d+)(\/[A-Za-z0-9]+)?$/;

export interface PartnerReply {
    status: number;
    body: string;
}

const ENVELOPE_OPEN =
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';

function idElement(name: string, value: string | null): string {
    return value === null ? `<${name} xsi:nil="true"/>` : `<${name}>${value}</${name}>`;
}

function resultXml(result: LeadConvertResult): string {
    const errors = result.errors
        .map(
            (e) =>
                `<errors>${e.fields.map((f) => `<fields>${escapeXml(f)}</fields>`).join('')}<message>${escapeXml(e.message)}</message><statusCode>${escapeXml(e.statusCode)}</statusCode></errors>`
        )
        .join('');
    return `<result>${idElement('accountId', result.accountId)}${idElement('contactId', result.contactId)}${errors}${idElement('leadId', result.leadId)}${idElement('opportunityId', result.opportunityId)}<success>${result.success}</success></result>`;
}

function fault(code: string, message: string): PartnerReply {
    return {
        status: 500,
        body: `${ENVELOPE_OPEN}<soapenv:Fault><faultcode>${escapeXml(code)}</faultcode><faultstring>${escapeXml(message)}</faultstring></soapenv:Fault>${ENVELOPE_CLOSE}`
    };
}

export function handlePartnerSoap(org: LocalOrg, version: string, xml: string): PartnerReply {
    try {
        const call = parseSoapCall(xml);
        const userId = call.sessionId ? org.userIdForToken(call.sessionId) : undefined;
        if (!userId)
            return fault(
                'sf:INVALID_SESSION_ID',
                'Invalid Session ID found in SessionHeader: Illegal Session. Session not found, missing session hash'
            );
        if (call.operation !== 'convertLead') {
            return fault(
                'sf:NOT_SUPPORTED_BY_LOCAL_ORG',
                `The partner SOAP call ${call.operation}() is not supported by local-org (it serves convertLead only).`
            );
        }
        const converts = list(call.body, 'leadConverts');
        const ctx = org.context(userId, version);
        const results = org.db.transaction(() => converts.map((node) => convertLead(ctx, node)))();
        return {
            status: 200,
            body: `${ENVELOPE_OPEN}<convertLeadResponse>${results.map(resultXml).join('')}</convertLeadResponse>${ENVELOPE_CLOSE}`
        };
    } catch (error) {
        if (error instanceof SoapFault) return fault(error.faultCode, error.message);
        throw error;
    }
}

/**
 * The Metadata API's SOAP envelope as jsforce and the sf CLI speak it: the session id travels in the SessionHeader
 * (no Authorization header), Envelope and Body are namespace-prefixed, Body has no attributes, and faults are
 * HTTP 500 with `sf:<CODE>` fault codes.
 */
import { child, parseXml, toXml, escapeXml, type XmlNode } from './xml.ts';

export interface SoapCall {
    sessionId: string | undefined;
    operation: string;
    body: XmlNode;
}

export class SoapFault extends Error {
    constructor(
        readonly faultCode: string,
        message: string
    ) {
        super(message);
    }
}

export function parseSoapCall(xml: string): SoapCall {
    let envelope: XmlNode | undefined;
    try {
        envelope = child(parseXml(xml), 'Envelope');
    } catch {
        envelope = undefined;
    }
    const body = child(envelope, 'Body');
    if (!envelope || !body) throw new SoapFault('soapenv:Client', 'The request is not a SOAP envelope');
    const operation = Object.keys(body)[0];
    if (!operation) throw new SoapFault('soapenv:Client', 'The SOAP body names no operation');
    const header = child(envelope, 'Header');
    const sessionId = child(header, 'SessionHeader')?.sessionId;
    return {
        sessionId: sessionId === undefined ? undefined : String(sessionId),
        operation,
        body: child(body, operation) ?? {}
    };
}

const ENVELOPE_OPEN =
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';

export function soapResponse(operation: string, result: Record<string, unknown>): string {
    return `${ENVELOPE_OPEN}<${operation}Response>${toXml({ result })}</${operation}Response>${ENVELOPE_CLOSE}`;
}

/** `<operation>Response` with several `<result>` elements (listMetadata, readMetadata). */
export function soapResponseList(operation: string, results: Record<string, unknown>[]): string {
    return `${ENVELOPE_OPEN}<${operation}Response>${toXml({ result: results })}</${operation}Response>${ENVELOPE_CLOSE}`;
}

/** `<operation>Response` around XML the caller wrote (readMetadata's records carry an xsi:type attribute). */
export function soapResponseXml(operation: string, innerXml: string): string {
    return `${ENVELOPE_OPEN}<${operation}Response>${innerXml}</${operation}Response>${ENVELOPE_CLOSE}`;
}

export function soapFault(fault: SoapFault): string {
    return `${ENVELOPE_OPEN}<soapenv:Fault><faultcode>${escapeXml(fault.faultCode)}</faultcode><faultstring>${escapeXml(fault.message)}</faultstring></soapenv:Fault>${ENVELOPE_CLOSE}`;
}

/** Deploys a few metadata files to an org with the Metadata API (deploy, then checkDeployStatus until done). */
import JSZip from 'jszip';

async function soap(origin: string, token: string, inner: string): Promise<string> {
    const response = await fetch(`${origin}/services/Soap/m/66.0`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
        body:
            '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata">' +
            `<soapenv:Header><SessionHeader><sessionId>${token}</sessionId></SessionHeader></soapenv:Header><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`
    });
    return response.text();
}

export async function deployFiles(origin: string, token: string, files: Record<string, string>): Promise<void> {
    const zip = new JSZip();
    for (const [path, content] of Object.entries(files)) zip.file(path, content);
    const base64 = (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
    const started = await soap(
        origin,
        token,
        `<deploy><ZipFile>${base64}</ZipFile><DeployOptions><singlePackage>true</singlePackage></DeployOptions></deploy>`
    );
    const id = /<id>([^<]+)<\/id>/.exec(started)?.[1];
    if (!id) throw new Error(`deploy was not accepted: ${started}`);
    for (let attempt = 0; attempt < 200; attempt++) {
        const status = await soap(
            origin,
            token,
            `<checkDeployStatus><asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails></checkDeployStatus>`
        );
        if (/<done>true<\/done>/.test(status)) {
            if (!/<status>Succeeded<\/status>/.test(status)) throw new Error(`deploy failed: ${status}`);
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`deploy ${id} did not finish`);
}

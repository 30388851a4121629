/** Deploy and retrieve packages travel as base64 zip files. */
import JSZip from 'jszip';

/** Files of a package by path relative to the package root (the folder holding package.xml). */
export async function readPackage(base64: string): Promise<Map<string, Buffer>> {
    const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
    const entries = Object.values(zip.files).filter((entry) => !entry.dir);
    const manifest = entries.find((entry) => entry.name === 'package.xml' || entry.name.endsWith('/package.xml'));
    const root = manifest ? manifest.name.slice(0, -'package.xml'.length) : '';
    const files = new Map<string, Buffer>();
    for (const entry of entries) {
        if (!entry.name.startsWith(root)) continue;
        files.set(entry.name.slice(root.length), await entry.async('nodebuffer'));
    }
    return files;
}

export async function writePackage(files: Map<string, string | Buffer>): Promise<string> {
    const zip = new JSZip();
    for (const [name, content] of files) zip.file(name, content);
    return (await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })).toString('base64');
}

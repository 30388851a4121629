/**
 * npm run -s web-to-case-form -- --target-org <alias|username> [--return-url URL] [--endpoint URL] [--json]
 *
 * Prints the public web form's HTML for an org, as Setup's Web-to-Case generator writes it: the org's `orgid`, the
 * Web Form record type by Id, and the web-form address fields by their field ids (`00N…`, from listMetadata), since
 * a Web-to-Case post fills custom fields only by id. Paste the `<form>` into the website. `--endpoint` replaces the
 * action URL (default: the org's own `/servlet/servlet.WebToCase`); `--json` gives the form's parts and its HTML.
 */
import { parseFlags, runScript, ScriptError, wantsJson } from './lib/cli.ts';
import { connectToOrg } from './lib/org.ts';
import { readWebToCaseForm, webToCaseFormHtml, type WebToCaseForm } from './lib/webToCaseForm.ts';

const USAGE =
    'Usage: npm run -s web-to-case-form -- --target-org <alias|username> [--return-url URL] [--endpoint URL] [--json]';

type FormResult = { success: true; form: WebToCaseForm; html: string };

const argv = process.argv.slice(2);
const json = wantsJson(argv);

if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
} else {
    await runScript(json, run, (result) => result.html);
}

async function run(): Promise<FormResult> {
    const flags = parseFlags(argv, {
        'target-org': { type: 'string', short: 'o' },
        'return-url': { type: 'string' },
        endpoint: { type: 'string' },
        json: { type: 'boolean', default: false }
    });
    for (const name of ['return-url', 'endpoint'] as const) {
        const value = flags[name];
        if (value !== undefined && !URL.canParse(value)) {
            throw new ScriptError('InvalidFlags', `--${name} must be an absolute URL, not "${value}". ${USAGE}`);
        }
    }
    const connection = await connectToOrg(flags['target-org']);
    const form = await readWebToCaseForm(connection, {
        endpoint: flags.endpoint,
        returnUrl: flags['return-url']
    });
    return { success: true, form, html: webToCaseFormHtml(form) };
}

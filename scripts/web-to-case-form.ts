/**
 * npm run -s web-to-case-form -- --target-org <alias|username> [--return-url URL] [--endpoint URL] [--json]
 *
 * Prints the public web form's HTML for an org, as Setup's Web-to-Case generator writes it: the org's `orgid`, the
 * Web Form record type by Id, and the web-form address fields by their field ids (`00N…`, from listMetadata), since
 * a Web-to-Case post fills custom fields only by id. Paste the `<form>` into the website. `--endpoint` replaces the
 * action URL (default: the org's own `/servlet/servlet.WebToCase`); `--json` gives the form's parts and its HTML.
 */
import { defineCommand, parseFlags, runScript, ScriptError, wantsJson } from './lib/cli.ts';
import { connectToOrg } from './lib/org.ts';
import { readWebToCaseForm, webToCaseFormHtml, type WebToCaseForm } from './lib/webToCaseForm.ts';

const command = defineCommand({
    run: 'npm run -s web-to-case-form',
    summary: "Print the public web form's HTML for an org, as Setup's Web-to-Case generator writes it.",
    description:
        "The form carries the org's orgid, the Web Form record type by Id and the web-form fields by their field ids.\n" +
        'Paste the <form> into the website.',
    flags: {
        'target-org': {
            type: 'string',
            short: 'o',
            required: true,
            value: 'alias|username',
            summary: 'The org, as an alias or username the sf CLI is logged in to (`npm run sf -- org list`).'
        },
        'return-url': { type: 'string', value: 'url', summary: 'Where the browser goes after a submission (retURL).' },
        endpoint: {
            type: 'string',
            value: 'url',
            summary: "The form's action URL.",
            defaultText: "the org's /servlet/servlet.WebToCase"
        },
        json: { type: 'boolean', default: false, summary: "Print the form's parts and its HTML as JSON." }
    },
    examples: [
        {
            summary: 'The form for an org, returning to a thank-you page:',
            args: '--target-org my-org --return-url https://example.com/thanks > web-form.html'
        }
    ]
});

type FormResult = { success: true; form: WebToCaseForm; html: string };

const argv = process.argv.slice(2);
const json = wantsJson(argv);

await runScript(json, run, (result) => result.html);

async function run(): Promise<FormResult> {
    const flags = parseFlags(command, argv);
    for (const name of ['return-url', 'endpoint'] as const) {
        const value = flags[name];
        if (value !== undefined && !URL.canParse(value)) {
            throw new ScriptError('InvalidFlags', `--${name} must be an absolute URL, not "${value}".`);
        }
    }
    const connection = await connectToOrg(flags['target-org']);
    const form = await readWebToCaseForm(connection, {
        endpoint: flags.endpoint,
        returnUrl: flags['return-url']
    });
    return { success: true, form, html: webToCaseFormHtml(form) };
}

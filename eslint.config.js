const { defineConfig } = require('eslint/config');
const eslintJs = require('@eslint/js');
const globals = require('globals');
const tseslint = require('typescript-eslint');
const salesforceLwcConfig = require('@salesforce/eslint-config-lwc/recommended');
const lwcPlatform = require('@lwc/eslint-plugin-lwc-platform');

const componentFiles = ['force-app/**/*.js'];
const typescriptFiles = ['**/*.ts'];

/** Scopes a shared config to some files, so LWC rules never reach the TypeScript tooling and vice versa. */
function scoped(configs, files) {
    return configs.map((config) => ({ ...config, files }));
}

module.exports = defineConfig([
    {
        ignores: [
            'node_modules/**',
            '.localorg/**',
            'preview/dist/**',
            'e2e/results/**',
            'coverage/**',
            'dist/**',
            'out/**',
            '.sf/**',
            '.sfdx/**'
        ]
    },

    // Components: Salesforce's LWC rules plus the platform's (what Lightning refuses at deploy or run time).
    ...scoped(salesforceLwcConfig, componentFiles),
    ...scoped(lwcPlatform.configs.recommended, componentFiles),
    {
        files: componentFiles,
        rules: {
            // Briefcase offline (mobile) is not a Caseline target, and the rule crashes on any @wire without options.
            '@lwc/lwc-platform/valid-offline-wire': 'off'
        }
    },
    {
        files: ['force-app/**/__tests__/**/*.js', 'force-app/test/**/*.js'],
        languageOptions: { globals: { ...globals.node, ...globals.jest } },
        rules: {
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
            // Tests may wait on timers; components may not.
            '@lwc/lwc/no-async-operation': 'off'
        }
    },

    // The preview's own LWC modules (shell, local platform modules): the LWC rules, not the platform's, since they
    // implement what the platform provides (fetch, cookies, window.location).
    ...scoped(salesforceLwcConfig, ['preview/**/*.js', 'e2e/components/**/*.js']),
    { files: ['preview/**/*.js'], languageOptions: { globals: globals.browser } },

    // TypeScript tooling: scripts, local-org, preview, e2e.
    ...scoped([eslintJs.configs.recommended, ...tseslint.configs.recommended], typescriptFiles),
    {
        files: typescriptFiles,
        languageOptions: { globals: globals.node },
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
        }
    },

    // Root config files are CommonJS run by Node.
    {
        files: ['*.js'],
        ...eslintJs.configs.recommended,
        languageOptions: { sourceType: 'commonjs', globals: globals.node }
    }
]);

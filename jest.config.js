const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const mocks = '<rootDir>/force-app/test/jest-mocks';

module.exports = {
    ...jestConfig,
    // Only components live under jest; the TypeScript folders run under node:test (npm run test:ts).
    roots: ['<rootDir>/force-app'],
    moduleNameMapper: {
        '^lightning/graphql$': `${mocks}/lightning/graphql`,
        '^lightning/actions$': `${mocks}/lightning/actions`,
        '^lightning/flowSupport$': `${mocks}/lightning/flowSupport`,
        '^jest-utils/(.*)$': '<rootDir>/force-app/test/jest-utils/$1'
    },
    setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv || []), '<rootDir>/jest-sa11y-setup.js'],
    testTimeout: 10000
};

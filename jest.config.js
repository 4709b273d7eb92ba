/**
 * Jest runs the TypeScript sources as native ESM (ts-jest, --experimental-vm-modules), because
 * NestJS 12 ships ESM only. Type checking is `npm run typecheck`; here ts-jest only transpiles.
 */
const REQUIRED_ESM = ['content-disposition'];
const lib = (name) => `<rootDir>/libs/${name}/src/index.ts`;

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
    // ESM-only packages that CommonJS dependencies require(): Node 20.19 loads them natively, jest's
    // CommonJS loader cannot, so they are compiled to CommonJS (swagger UI -> @fastify/static -> send).
    [`/node_modules/(${REQUIRED_ESM.join('|')})/.+\\.js$`]: [
      'ts-jest',
      {
        useESM: false,
        tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${REQUIRED_ESM.join('|')})/)`],
  moduleNameMapper: {
    '^#domain$': lib('domain'),
    '^#event-store$': lib('event-store'),
    '^#projections$': lib('projections'),
    '^#integration$': lib('integration'),
    '^#credentials$': lib('credentials'),
    '^#personal-data$': lib('personal-data'),
    '^#contracts$': lib('contracts'),
    '^#runtime$': lib('runtime'),
    '^#process-managers$': lib('process-managers'),
    '^#postgres$': lib('postgres'),
    '^#records-api$': '<rootDir>/apps/records-api/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: [
    '<rootDir>/libs/**/test/**/*.spec.ts',
    '<rootDir>/apps/**/test/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
  ],
  reporters: ['default', '<rootDir>/test/support/required-services-reporter.js'],
  testTimeout: 30000,
  maxWorkers: 2,
};

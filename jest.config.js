/**
 * Jest runs the TypeScript sources as native ESM (ts-jest, --experimental-vm-modules), because
 * NestJS 12 ships ESM only. Type checking is `npm run typecheck`; here ts-jest only transpiles.
 */
const lib = (name) => `<rootDir>/libs/${name}/src/index.ts`;

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^#domain$': lib('domain'),
    '^#event-store$': lib('event-store'),
    '^#projections$': lib('projections'),
    '^#records-api$': '<rootDir>/apps/records-api/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/libs/**/test/**/*.spec.ts', '<rootDir>/apps/**/test/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};

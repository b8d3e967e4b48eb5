import type { CodegenConfig } from '@graphql-codegen/cli';

// Types of every operation come from the API's printed schema (committed at api/schema.graphql), so a fresh
// clone generates them offline. The output folder is gitignored: it is regenerated on install, before build
// and before typecheck.
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/__generated__/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumType: 'string-literal',
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;

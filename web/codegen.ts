import type { CodegenConfig } from '@graphql-codegen/cli';

// Types and typed string documents from the API contract (../schema.graphql).
// documentMode 'string' keeps the `graphql` runtime out of the browser bundle:
// each document is a plain string with its result and variables types attached.
const config: CodegenConfig = {
	schema: '../schema.graphql',
	// GraphQL documents live in .ts files only (load functions, fragments).
	documents: ['src/**/*.ts', '!src/lib/gql/**', '!src/**/*.test.ts'],
	ignoreNoDocuments: false,
	generates: {
		'src/lib/gql/': {
			preset: 'client',
			presetConfig: { fragmentMasking: false },
			config: {
				documentMode: 'string',
				useTypeImports: true,
				enumsAsTypes: true,
				skipTypename: true,
				scalars: { Date: 'string', DateTime: 'string', Decimal: 'string', ID: 'string' }
			}
		}
	},
	hooks: {}
};

export default config;

import type { CodegenConfig } from '@graphql-codegen/cli';

// Types and typed string documents from the API contract (../schema.graphql).
// documentMode 'string' keeps the `graphql` runtime out of the browser bundle:
// each document is a plain string with its result and variables types attached.
//
// Two outputs, because the client preset's `graphql()` carries a map of every document
// it was generated with: the public site's (src/lib/gql/) must not carry the editors'
// queries, and the editors' area (src/lib/admin/gql/, loaded only under /admin) has its
// own. Documents live in .ts files only (load functions, fragments, query modules).
const config = {
	documentMode: 'string',
	useTypeImports: true,
	enumsAsTypes: true,
	skipTypename: true,
	scalars: { Date: 'string', DateTime: 'string', Decimal: 'string', ID: 'string' }
} as const;

const adminFiles = ['src/lib/admin/**', 'src/routes/admin/**'];

const codegen: CodegenConfig = {
	schema: '../schema.graphql',
	ignoreNoDocuments: false,
	generates: {
		'src/lib/gql/': {
			documents: ['src/**/*.ts', '!src/lib/gql/**', '!src/**/*.test.ts', ...adminFiles.map((f) => '!' + f)],
			preset: 'client',
			presetConfig: { fragmentMasking: false },
			config
		},
		'src/lib/admin/gql/': {
			documents: ['src/lib/admin/**/*.ts', 'src/routes/admin/**/*.ts', '!src/lib/admin/gql/**', '!src/**/*.test.ts'],
			preset: 'client',
			presetConfig: { fragmentMasking: false },
			config
		}
	},
	hooks: {}
};

export default codegen;

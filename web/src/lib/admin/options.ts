// What the editors' pickers offer: topics (by their Latin name), and the projects and
// partners that are not deleted (by their label, in Latin: the editors' script).
import { toLatin } from './script';
import type { AdminOptionsQuery } from './gql/graphql';

export interface Option {
	value: string;
	label: string;
}

export interface Options {
	topics: Option[];
	projects: Option[];
	partners: Option[];
}

const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label, 'sr-Latn');

export function optionsOf(data: AdminOptionsQuery): Options {
	const sources = (c: { edges: { node: { slug: string; label: string } }[] } | null | undefined) =>
		(c?.edges ?? []).map(({ node }) => ({ value: node.slug, label: toLatin(node.label) || node.slug })).sort(byLabel);
	return {
		topics: data.topics.map((t) => ({ value: t.slug, label: t.name })),
		projects: sources(data.projects),
		partners: sources(data.partners)
	};
}

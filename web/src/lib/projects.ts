import type { ProjectStatus } from './gql/graphql';

/** Status values as they appear in URLs (`?status=ongoing`), in display order. */
export const STATUS_PARAMS = ['ongoing', 'planned', 'completed'] as const;
export type StatusParam = (typeof STATUS_PARAMS)[number];

export function statusFromParam(value: string | null): ProjectStatus | null {
	const v = (value ?? '').toLowerCase();
	return (STATUS_PARAMS as readonly string[]).includes(v) ? (v.toUpperCase() as ProjectStatus) : null;
}

export function statusToParam(status: ProjectStatus): StatusParam {
	return status.toLowerCase() as StatusParam;
}

/**
 * Whether a description (sanitised HTML) begins with the summary's text, so the page need
 * not show the summary twice. Tags are dropped, the usual entities read, spaces collapsed.
 * server/render_project.go has the same rule.
 */
export function repeatsSummary(descriptionHtml: string, summary: string): boolean {
	const text = (s: string) => s.replace(/\s+/g, ' ').trim();
	const plain = descriptionHtml
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(amp|lt|gt|quot|#39|#34|nbsp);/g, (_, e: string) =>
			({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#34': '"', nbsp: ' ' })[e] ?? '');
	const s = text(summary);
	return s !== '' && text(plain).startsWith(s);
}

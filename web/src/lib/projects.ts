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

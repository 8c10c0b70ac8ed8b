// The editors' GraphQL documents. They are generated into lib/admin/gql (not lib/gql), so
// that the public site's bundle never carries them: see codegen.ts.
import { graphql } from './gql';

export const MeQuery = graphql(`
	query AdminMe {
		me {
			...AdminUser
		}
	}
`);

export const UserFragment = graphql(`
	fragment AdminUser on User {
		id
		email
		role
		createdAt
		disabledAt
	}
`);

export const LoginMutation = graphql(`
	mutation AdminLogin($email: String!, $password: String!) {
		login(email: $email, password: $password) {
			user {
				...AdminUser
			}
		}
	}
`);

export const LogoutMutation = graphql(`
	mutation AdminLogout {
		logout
	}
`);

export const EditorialFragment = graphql(`
	fragment AdminEditorial on Editorial {
		state
		version
		publishAt
		createdAt
		changedAt
		changedBy
		deletedAt
	}
`);

export const SourcesQuery = graphql(`
	query AdminSources($kind: SearchKind!, $first: Int!, $after: String, $filter: SourceFilter) {
		sources(kind: $kind, first: $first, after: $after, filter: $filter) {
			totalCount
			pageInfo {
				hasNextPage
				endCursor
			}
			edges {
				node {
					id
					kind
					slug
					label
					editorial {
						...AdminEditorial
					}
				}
			}
		}
	}
`);

export const ImageFragment = graphql(`
	fragment AdminImage on ImageSource {
		name
		url
		alt {
			sr
			en
		}
	}
`);

export const NewsFragment = graphql(`
	fragment AdminNews on NewsSource {
		id
		slug
		label
		editorial {
			...AdminEditorial
		}
		title {
			sr
			en
		}
		summary {
			sr
			en
		}
		body {
			sr
			en
		}
		topics
		projects
		partners
		cover {
			...AdminImage
		}
	}
`);

export const ProjectFragment = graphql(`
	fragment AdminProject on ProjectSource {
		id
		slug
		label
		editorial {
			...AdminEditorial
		}
		title {
			sr
			en
		}
		officialTitle {
			sr
			en
		}
		summary {
			sr
			en
		}
		description {
			sr
			en
		}
		status
		startDate
		endDate
		datePrecision
		budget {
			amount
			currency
		}
		funders
		implementers
		cooperatingPartners
		areas
		locations {
			sr
			en
		}
		expectedResults {
			sr
			en
		}
		objectives {
			sr
			en
		}
		specificObjectives {
			sr
			en
		}
		targetGroups {
			sr
			en
		}
		url
		dacCodes
		cover {
			...AdminImage
		}
	}
`);

export const PartnerFragment = graphql(`
	fragment AdminPartner on PartnerSource {
		id
		slug
		label
		editorial {
			...AdminEditorial
		}
		name {
			sr
			en
		}
		acronym
		partnerKind
		website
		description {
			sr
			en
		}
	}
`);

export const SourceQuery = graphql(`
	query AdminSource($id: ID!) {
		source(id: $id) {
			__typename
			...AdminNews
			...AdminProject
			...AdminPartner
		}
	}
`);

/** What the pickers offer: topics, and every project and partner that is not deleted. */
export const OptionsQuery = graphql(`
	query AdminOptions($projects: Boolean!, $partners: Boolean!) {
		topics(locale: SR_LATN) {
			slug
			name
		}
		projects: sources(kind: PROJECT, first: 100) @include(if: $projects) {
			edges {
				node {
					slug
					label
				}
			}
		}
		partners: sources(kind: PARTNER, first: 100) @include(if: $partners) {
			edges {
				node {
					slug
					label
				}
			}
		}
	}
`);

export const CreateNewsMutation = graphql(`
	mutation AdminCreateNews($input: NewsInput!) {
		createNewsItem(input: $input) {
			...AdminNews
		}
	}
`);

export const UpdateNewsMutation = graphql(`
	mutation AdminUpdateNews($id: ID!, $version: Int!, $input: NewsInput!) {
		updateNewsItem(id: $id, version: $version, input: $input) {
			...AdminNews
		}
	}
`);

export const CreateProjectMutation = graphql(`
	mutation AdminCreateProject($input: ProjectInput!) {
		createProject(input: $input) {
			...AdminProject
		}
	}
`);

export const UpdateProjectMutation = graphql(`
	mutation AdminUpdateProject($id: ID!, $version: Int!, $input: ProjectInput!) {
		updateProject(id: $id, version: $version, input: $input) {
			...AdminProject
		}
	}
`);

export const CreatePartnerMutation = graphql(`
	mutation AdminCreatePartner($input: PartnerInput!) {
		createPartner(input: $input) {
			...AdminPartner
		}
	}
`);

export const UpdatePartnerMutation = graphql(`
	mutation AdminUpdatePartner($id: ID!, $version: Int!, $input: PartnerInput!) {
		updatePartner(id: $id, version: $version, input: $input) {
			...AdminPartner
		}
	}
`);

export const PublishMutation = graphql(`
	mutation AdminPublish($id: ID!, $version: Int!, $at: DateTime) {
		publish(id: $id, version: $version, at: $at) {
			id
			slug
			editorial {
				...AdminEditorial
			}
		}
	}
`);

export const ScheduleMutation = graphql(`
	mutation AdminSchedule($id: ID!, $version: Int!, $at: DateTime!) {
		schedule(id: $id, version: $version, at: $at) {
			id
			slug
			editorial {
				...AdminEditorial
			}
		}
	}
`);

export const UnpublishMutation = graphql(`
	mutation AdminUnpublish($id: ID!, $version: Int!) {
		unpublish(id: $id, version: $version) {
			id
			slug
			editorial {
				...AdminEditorial
			}
		}
	}
`);

export const DeleteMutation = graphql(`
	mutation AdminDelete($id: ID!, $version: Int!) {
		deleteItem(id: $id, version: $version) {
			id
			slug
			editorial {
				...AdminEditorial
			}
		}
	}
`);

export const RestoreMutation = graphql(`
	mutation AdminRestore($id: ID!, $version: Int!) {
		restoreItem(id: $id, version: $version) {
			id
			slug
			editorial {
				...AdminEditorial
			}
		}
	}
`);

export const RenderMarkdownQuery = graphql(`
	query AdminRenderMarkdown($markdown: String!, $locale: Locale!) {
		renderMarkdown(markdown: $markdown, locale: $locale)
	}
`);

export const SuggestSlugQuery = graphql(`
	query AdminSuggestSlug($kind: SearchKind!, $title: String!, $id: ID) {
		suggestSlug(kind: $kind, title: $title, id: $id)
	}
`);

export const PreviewQuery = graphql(`
	query AdminPreview($id: ID!, $locale: Locale!) {
		source(id: $id) {
			__typename
			... on NewsSource {
				news: preview(locale: $locale) {
					locale
					title
					summary
					bodyHtml
					publishedAt
					topics {
						name
					}
					cover {
						url
						alt
						width
						height
					}
				}
			}
			... on ProjectSource {
				project: preview(locale: $locale) {
					locale
					title
					officialTitle
					summary
					descriptionHtml
					status
					startDate
					endDate
					datePrecision
					budget {
						amount
						currency
					}
					funders {
						name
					}
					implementers {
						name
					}
					cooperatingPartners {
						name
					}
					areas {
						name
					}
					locations
					expectedResults
					objectives
					specificObjectives
					targetGroups
					url
					cover {
						url
						alt
						width
						height
					}
				}
			}
			... on PartnerSource {
				partner: preview(locale: $locale) {
					locale
					name
					acronym
					kind
					website
					description
				}
			}
		}
	}
`);

export const UsersQuery = graphql(`
	query AdminUsers {
		users {
			...AdminUser
		}
	}
`);

export const CreateUserMutation = graphql(`
	mutation AdminCreateUser($email: String!, $password: String!, $role: Role!) {
		createUser(email: $email, password: $password, role: $role) {
			...AdminUser
		}
	}
`);

export const UpdateUserMutation = graphql(`
	mutation AdminUpdateUser($id: ID!, $role: Role, $disabled: Boolean) {
		updateUser(id: $id, role: $role, disabled: $disabled) {
			...AdminUser
		}
	}
`);

export const AuditQuery = graphql(`
	query AdminAudit($first: Int!, $after: String, $item: ID) {
		auditLog(first: $first, after: $after, item: $item) {
			pageInfo {
				hasNextPage
				endCursor
			}
			edges {
				node {
					at
					user
					action
					kind
					itemId
					label
					version
					fields
				}
			}
		}
	}
`);

// Webhooks: admins' endpoints of partners' systems, and the log of deliveries.
export const WebhookEndpointFragment = graphql(`
	fragment AdminWebhookEndpoint on WebhookEndpoint {
		id
		url
		kinds
		events
		locale
		description
		secretHint
		createdAt
	}
`);

export const WebhookDeliveryFragment = graphql(`
	fragment AdminWebhookDelivery on WebhookDelivery {
		id
		endpointId
		messageId
		eventType
		attempt
		at
		status
		responseCode
		durationMs
		error
	}
`);

export const WebhooksQuery = graphql(`
	query AdminWebhooks {
		webhookEndpoints {
			...AdminWebhookEndpoint
		}
		webhookDeliveries(first: 50) {
			...AdminWebhookDelivery
		}
	}
`);

export const WebhookDeliveriesQuery = graphql(`
	query AdminWebhookDeliveries {
		webhookDeliveries(first: 50) {
			...AdminWebhookDelivery
		}
	}
`);

export const CreateWebhookMutation = graphql(`
	mutation AdminCreateWebhook($input: WebhookEndpointInput!) {
		createWebhookEndpoint(input: $input) {
			secret
			endpoint {
				...AdminWebhookEndpoint
			}
		}
	}
`);

export const DeleteWebhookMutation = graphql(`
	mutation AdminDeleteWebhook($id: ID!) {
		deleteWebhookEndpoint(id: $id)
	}
`);

export const SendTestWebhookMutation = graphql(`
	mutation AdminSendTestWebhook($id: ID!) {
		sendTestWebhook(id: $id)
	}
`);
